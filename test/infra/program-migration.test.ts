// A stack written by the program as it was (deployments as azure-native's typed `cognitiveservices:Deployment`,
// api-version 2025-06-01) moves to the program as it is (the generic `resources:Resource` at 2026-09-01): both
// programs are booted like `pulumi up` against the stand-in engine, the second against the state the first left
// (as it is, and prepared by infra/state-migration.ts), and what the engine and azure-native would do is worked
// out from what each registered.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { migrateState } from "../../infra/state-migration";
import { toArmView } from "../../policies/arm-view";
import { repoRoot } from "../support/paths";
import {
  type ProgramRun,
  planSteps,
  type ResourceRegistration,
  runPulumiProgram,
  type StateResource,
  type Step,
  stateAfter,
  stopPulumiRuns,
} from "../support/pulumi-engine";

const typedProgram = path.join(repoRoot, "test/fixtures/typed-deployments-program");

let tempDir = "";
beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aideploy-program-migration-"));
});
afterEach(async () => {
  await stopPulumiRuns();
});
afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

/** A file with only what the typed resource can write (as every stack before 2026-09-01 had). */
const file2025 = `version: 1
accounts:
  main:
    name: contoso-ai
    resourceGroup: rg-ai
    location: swedencentral
contentFilters:
  strict:
    prompt: { hate: low, jailbreak: block }
    completion: { hate: { threshold: medium, action: annotate } }
defaults:
  sku: GlobalStandard
  versionUpgradeOption: NoAutoUpgrade
  contentFilter: strict
deployments:
  - name: chat
    model: { format: OpenAI, name: gpt-4.1, version: "2025-04-14" }
    capacity: 10
    tags: { team: search }
  - name: mini
    model: { format: OpenAI, name: gpt-4.1-mini, version: "2025-04-14" }
    capacity: 5
environments:
  prod: {}
`;

async function run(projectDir: string, file: string): Promise<ProgramRun> {
  const result = await runPulumiProgram({
    projectDir,
    stack: "prod",
    config: { "aideploy:file": path.relative(repoRoot, file) },
  });
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.engine.violations).toEqual([]);
  return result;
}

function fileWith(name: string, content: string): string {
  const file = path.join(tempDir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** The resources that move: deployments and content filters. */
const deploymentsOf = (registrations: readonly ResourceRegistration[]) =>
  registrations.filter((r) => r.custom && /\/(deployment|content-filter)\//.test(r.name));

/** A stand-in state in `pulumi stack export` form, and back. */
const toExport = (state: readonly StateResource[]) => ({
  version: 3,
  deployment: { manifest: {}, resources: state.map((r) => ({ ...r, custom: true })) },
});
const fromExport = (exported: unknown): StateResource[] =>
  ((exported as { deployment: { resources: StateResource[] } }).deployment.resources ?? []).map(
    ({ urn, type, inputs, outputs }) => ({ urn, type, inputs, outputs }),
  );

const subscription = "00000000-0000-0000-0000-000000000000";
const armIdOfTyped = (i: Record<string, unknown>) =>
  i.raiPolicyName !== undefined
    ? `/subscriptions/${subscription}/resourceGroups/${String(i.resourceGroupName)}/providers/Microsoft.CognitiveServices/accounts/${String(i.accountName)}/raiPolicies/${String(i.raiPolicyName)}`
    : `/subscriptions/${subscription}/resourceGroups/${String(i.resourceGroupName)}/providers/Microsoft.CognitiveServices/accounts/${String(i.accountName)}/deployments/${String(i.deploymentName)}`;
const armIdOfGeneric = (i: Record<string, unknown>) =>
  `/subscriptions/${subscription}/resourceGroups/${String(i.resourceGroupName)}/providers/${String(i.resourceProviderNamespace)}/${String(i.parentResourcePath)}/${String(i.resourceType)}/${String(i.resourceName)}`;

const byKind = (steps: readonly Step[]) =>
  Object.fromEntries(
    (["same", "update", "replace", "create", "delete"] as const).map((k) => [
      k,
      steps.filter((s) => s.kind === k).map((s) => s.urn.split("::").at(-1)),
    ]),
  );

describe("a stack moves from the typed deployment and content filter resources to the generic one", () => {
  it("with its state prepared once, every deployment and filter is the same resource, updated in place; without, replaced", async () => {
    const file = fileWith("estate.yaml", file2025);
    const before = await run(typedProgram, file);
    expect(deploymentsOf(before.engine.registrations).map((r) => r.type)).toEqual([
      "azure-native:cognitiveservices:RaiPolicy",
      "azure-native:cognitiveservices:Deployment",
      "azure-native:cognitiveservices:Deployment",
    ]);
    const state: StateResource[] = stateAfter(before.engine.registrations);

    const after = await run(repoRoot, file);
    const moved = deploymentsOf(after.engine.registrations);
    expect(moved.map((r) => r.type)).toEqual([
      "azure-native:resources:Resource",
      "azure-native:resources:Resource",
      "azure-native:resources:Resource",
    ]);
    // The policy view (ARM shape) of each deployment is the same whichever resource wrote it.
    for (const typed of deploymentsOf(before.engine.registrations)) {
      const generic = moved.find((r) => r.name === typed.name);
      expect(toArmView(generic?.type ?? "", generic?.wireInputs ?? {}), typed.name).toEqual(
        toArmView(typed.type, typed.wireInputs),
      );
    }

    // The alias alone finds the old state, but azure-native would replace: the path inputs are added.
    const unprepared = planSteps(after.engine.registrations, state);
    expect(byKind(unprepared).replace).toEqual([
      "main/content-filter/strict",
      "main/deployment/chat",
      "main/deployment/mini",
    ]);
    expect(unprepared.find((s) => s.kind === "replace")?.replaceKeys).toEqual([
      "parentResourcePath",
      "resourceName",
      "resourceProviderNamespace",
      "resourceType",
    ]);

    // `aideploy state migrate-deployments` on the exported state, then the same run: updates only.
    const { state: prepared, migrated } = migrateState(toExport(state));
    expect(migrated.map((urn) => urn.split("::").at(-1))).toEqual([
      "main/content-filter/strict",
      "main/deployment/chat",
      "main/deployment/mini",
    ]);
    const preparedState = fromExport(prepared);
    const steps = planSteps(after.engine.registrations, preparedState);
    expect(byKind(steps)).toEqual({
      same: [],
      update: ["main/content-filter/strict", "main/deployment/chat", "main/deployment/mini"],
      replace: [],
      create: [],
      delete: [],
    });
    for (const step of steps) {
      // Matched through the alias to the typed URN; the diff is the api-version and the typed path inputs.
      const filter = step.urn.endsWith("main/content-filter/strict");
      expect(step.oldUrn).toMatch(
        filter
          ? /azure-native:cognitiveservices:RaiPolicy::main\/content-filter\/strict$/
          : /azure-native:cognitiveservices:Deployment::main\/deployment\//,
      );
      expect(step.changed).toEqual([
        "accountName",
        "apiVersion",
        filter ? "raiPolicyName" : "deploymentName",
      ]);
      expect(step.replaceKeys).toEqual([]);
      // The update is a PUT at the ARM id azure-native builds from the new inputs: the deployment's own.
      const registration = moved.find((r) => r.urn === step.urn);
      const old = preparedState.find((r) => r.urn === step.oldUrn);
      expect(armIdOfGeneric(registration?.wireInputs ?? {})).toBe(armIdOfTyped(old?.inputs ?? {}));
    }

    // The next run of the new program on the state the move left changes nothing.
    const again = await run(repoRoot, file);
    const nextSteps = planSteps(
      again.engine.registrations,
      stateAfter(after.engine.registrations, preparedState),
    );
    expect(nextSteps.filter((s) => s.kind !== "same")).toEqual([]);
    // Preparing a state twice changes nothing more.
    expect(migrateState(prepared).migrated).toEqual([]);
  });

  it("the program as it was refuses a file with 2026 properties instead of dropping them", async () => {
    const priority = fileWith(
      "estate-priority.yaml",
      file2025.replace(
        "    tags: { team: search }\n",
        "    tags: { team: search }\n    serviceTier: Priority\n",
      ),
    );
    const refused = await runPulumiProgram({
      projectDir: typedProgram,
      stack: "prod",
      config: { "aideploy:file": path.relative(repoRoot, priority) },
    });
    expect(refused.exitCode).toBe(32);
    expect(refused.engine.logs.filter((l) => l.severity === "error").map((l) => l.message)).toEqual([
      "deployment chat on contoso-ai sets serviceTier, which azure-native:cognitiveservices:Deployment (api-version 2025-06-01) cannot write; use the generic resource",
      "deployments file needs the generic resource",
    ]);
    expect(refused.engine.customResources().filter((r) => r.name.includes("/deployment/"))).toEqual([]);
  });

  it("the program as it was refuses a content filter with an action only api-version 2026-09-01 has", async () => {
    const review = fileWith(
      "estate-review.yaml",
      file2025.replace(
        "completion: { hate: { threshold: medium, action: annotate } }",
        "completion: { hate: { threshold: medium, action: humanReview } }",
      ),
    );
    const refused = await runPulumiProgram({
      projectDir: typedProgram,
      stack: "prod",
      config: { "aideploy:file": path.relative(repoRoot, review) },
    });
    expect(refused.exitCode).toBe(32);
    expect(refused.engine.logs.filter((l) => l.severity === "error").map((l) => l.message)).toEqual([
      "content filter strict on contoso-ai has Hate (Completion) action HITL, which azure-native:cognitiveservices:RaiPolicy (api-version 2025-06-01) cannot write; use the generic resource",
      "deployments file needs the generic resource",
    ]);
    expect(refused.engine.customResources().filter((r) => r.name.includes("/content-filter/"))).toEqual([]);
  });
});
