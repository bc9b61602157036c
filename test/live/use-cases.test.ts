// The live use cases called directly, as the commands call them: one LiveContext, a result with its
// findings, and configuration problems as UsageErrors (the runner prints them), never as return values.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../diagnostics/failure";
import { refreshCatalog } from "../../live/catalog-refresh";
import type { LiveContext } from "../../live/context";
import { readAndCompare } from "../../live/drift";
import { importAccount } from "../../live/import-account";
import { pullPolicyFiles } from "../../live/policy-pull";
import { checkModels } from "../../live/validate";
import { loadReferenceExamples } from "../support/arm-emulator";
import { estateText, planText } from "../support/plan";
import { fastDeps, seedFromPlan, subscriptionId, useEmulator, workspace } from "./commands/support";

const noSubscription =
  "No Azure subscription is set for live access. (Pass --subscription, set the subscription in the deployments file, or set AZURE_SUBSCRIPTION_ID.)";

describe("live use cases take one LiveContext", () => {
  const h = useEmulator({ pageSize: 2 });
  const context = (overrides: Partial<LiveContext> = {}): LiveContext => ({
    env: { AIDEPLOY_ARM_ENDPOINT: h.emulator.baseUrl },
    cwd: workspace(),
    ...fastDeps,
    ...overrides,
  });

  it("readAndCompare returns the drift report and the accounts it could not read", async () => {
    const plan = planText(estateText());
    seedFromPlan(h.emulator, plan);
    const clean = await readAndCompare(plan, context());
    expect(clean.result.summary).toMatchObject({ total: 0, unreadAccounts: 0 });
    expect(clean.diagnostics).toEqual([]);
    h.emulator.failNext({ status: 403, code: "AuthorizationFailed", message: "no" });
    const denied = await readAndCompare(plan, context());
    expect(denied.result.summary.unreadAccounts).toBe(1);
    expect(denied.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(["8 live/auth"]);
    expect(denied.diagnostics[0]?.message).toMatch(/^drift unknown for account eastus2: Reading account/);
  });

  it("refreshCatalog dates the catalog by the context's clock and leaves writing to the caller", async () => {
    h.emulator.setCatalog("westus", loadReferenceExamples().catalog.entries);
    const live = context({ subscriptionId, now: () => new Date("2030-01-02T03:04:05Z") });
    const { result, diagnostics } = await refreshCatalog(
      { locations: ["westus,eastus2"], out: "c.json" },
      live,
    );
    expect(result?.file.path).toBe(path.join(live.cwd, "c.json"));
    expect(JSON.parse(result?.file.text ?? "{}").generatedAt).toBe("2030-01-02");
    expect(result?.summary).toMatch(/^wrote c\.json: 6 model version\(s\); per region: eastus2 0, westus 6$/);
    expect(diagnostics.map((d) => [d.code, d.hint])).toEqual([["live/catalog-not-applicable", undefined]]);
  });

  it("refreshCatalog: a failed read writes nothing and says why at the file", async () => {
    h.emulator.failNext({ method: "GET", pathPattern: /models$/, status: 403 });
    const { result, diagnostics } = await refreshCatalog(
      { locations: ["westus"], out: "c.json" },
      context({ subscriptionId }),
    );
    expect(result).toBeUndefined();
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(["c.json:1 live/auth"]);
  });

  it.each<[string, () => Promise<unknown>, string]>([
    [
      "drift without a subscription",
      () => readAndCompare(planText(estateText().replace(/^subscription: .*\n/m, "")), context()),
      noSubscription,
    ],
    [
      "validate --live without a subscription (naming the file, without the hint)",
      () =>
        checkModels(planText(estateText().replace(/^subscription: .*\n/m, "")), { live: true }, context()),
      "deployments.yaml: No Azure subscription is set for live access.",
    ],
    [
      "catalog refresh without a region",
      () => refreshCatalog({ locations: [" , "], out: "c.json" }, context({ subscriptionId })),
      "name at least one region with --location",
    ],
    [
      "import --into with --out",
      () => importAccount({ resourceGroup: "rg", account: "a", into: "a.yaml", out: "b.yaml" }, context()),
      "--into and --out cannot be used together",
    ],
    [
      "import with an endpoint that is not safe",
      () =>
        importAccount(
          { resourceGroup: "rg", account: "a" },
          context({ subscriptionId, env: { AIDEPLOY_ARM_ENDPOINT: "http://example.com" } }),
        ),
      "AIDEPLOY_ARM_ENDPOINT uses plain http to 'example.com', which is not this machine; aideploy sends Azure credentials only over https. (Use https://, or an http:// address on 127.0.0.1, localhost or [::1] for a local emulator.)",
    ],
    [
      "policy pull of a scope that is not one",
      () => pullPolicyFiles({ scope: "rg-ai", out: "policies/azure" }, context()),
      "The scope 'rg-ai' is neither a subscription nor a resource group id. (Pass --scope /subscriptions/<id> or /subscriptions/<id>/resourceGroups/<name>.)",
    ],
  ])("%s is a UsageError, before any request", async (_name, run, message) => {
    await expect(run()).rejects.toStrictEqual(new UsageError(message));
    expect(h.emulator.requests).toHaveLength(0);
  });

  it("importAccount: an --into file with errors is unusable, with its findings and the reason", async () => {
    const live = context({ subscriptionId });
    const broken = path.join(live.cwd, "broken.yaml");
    writeFileSync(broken, "version: 1\naccounts: {}\ndeployments: 3\n");
    const { result, diagnostics } = await importAccount(
      { resourceGroup: "rg", account: "a", into: "broken.yaml" },
      live,
    );
    expect(result).toEqual({
      status: "unusable-into",
      message: "broken.yaml has errors; fix them before importing into it",
    });
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual([
      "broken.yaml:2 schema/value",
      "broken.yaml:3 schema/type",
    ]);
    expect(readFileSync(broken, "utf8")).toBe("version: 1\naccounts: {}\ndeployments: 3\n");
    expect(h.emulator.requests).toHaveLength(0);
  });
});
