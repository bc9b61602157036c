// Each Azure Policy definition is parsed once and its parameters bound once per configuration: by the
// offline check across runs, by the CrossGuard pack across resources, and for users' assignments that
// share a definition. The evaluator's parser and binder are wrapped to count their calls.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type {
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { afterAll, describe, expect, it, vi } from "vitest";
import { loadAzurePolicies } from "../../policies/azure-policies";
import { canMatchType, compileDefinition, compilePolicy, targetTypes } from "../../policies/compiled";
import { evaluateGraphPolicies } from "../../policies/evaluate-plan";
import { bindParameters, type JsonValue, parseDefinition } from "../../policies/evaluator";
import { packPolicies } from "../../policies/pack";
import { projectPolicies } from "../../policies/registry";
import { estateText, planText } from "../support/plan";
import { ruleOf } from "./evaluator/support";

vi.mock("../../policies/evaluator", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../policies/evaluator")>();
  return {
    ...actual,
    parseDefinition: vi.fn(actual.parseDefinition),
    bindParameters: vi.fn(actual.bindParameters),
  };
});

const parses = () => vi.mocked(parseDefinition).mock.calls.length;
const bindings = () => vi.mocked(bindParameters).mock.calls.length;

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const ACCOUNTS = "Microsoft.CognitiveServices/accounts";
const DEPLOYMENTS = "Microsoft.CognitiveServices/accounts/deployments";
const byType = { field: "type", equals: ACCOUNTS };
const other = { field: "Microsoft.CognitiveServices/accounts/disableLocalAuth", notEquals: true };

describe("targetTypes", () => {
  it.each<[string, JsonValue, string[] | undefined]>([
    ["type equals", byType, ["microsoft.cognitiveservices/accounts"]],
    [
      "type in, any case of the field",
      { field: "TYPE", in: [ACCOUNTS, DEPLOYMENTS] },
      [ACCOUNTS, DEPLOYMENTS],
    ],
    ["inside allOf", { allOf: [byType, other] }, ["microsoft.cognitiveservices/accounts"]],
    [
      "anyOf whose branches all name types: their union",
      { anyOf: [byType, { allOf: [{ field: "type", equals: DEPLOYMENTS }, other] }] },
      [ACCOUNTS, DEPLOYMENTS],
    ],
    ["anyOf with a branch that names none: unknown", { anyOf: [byType, other] }, undefined],
    ["a negated type: unknown", { not: byType }, undefined],
    [
      "a type compared to an expression: unknown",
      { field: "type", equals: "[parameters('type')]" },
      undefined,
    ],
    ["no type condition: unknown", other, undefined],
  ])("%s", (_case, condition, expected) => {
    const parsed = parseDefinition({ mode: "All", policyRule: ruleOf(condition) });
    expect(targetTypes(parsed.if)).toEqual(expected?.map((type) => type.toLowerCase()));
  });
});

describe("compiled once", () => {
  const plan = planText(estateText(), "prod");
  const definitionPolicies = projectPolicies().filter((p) => p.kind === "definition");

  it("a document compiles to one object, parsed once", () => {
    const document = { mode: "Indexed", policyRule: ruleOf(byType) };
    const before = parses();
    const compiled = compileDefinition(document);
    expect(compileDefinition(document)).toBe(compiled);
    expect(parses() - before).toBe(1);
    expect([compiled.targetTypes, compiled.dataPlane]).toEqual([
      ["microsoft.cognitiveservices/accounts"],
      false,
    ]);
  });

  it("a compiled definition says which resource types its rule can match", () => {
    const compiled = compileDefinition({ mode: "Indexed", policyRule: ruleOf(byType) });
    expect(
      [
        "Microsoft.CognitiveServices/accounts",
        "MICROSOFT.COGNITIVESERVICES/ACCOUNTS",
        "Microsoft.CognitiveServices/accounts/deployments",
      ].map((type) => canMatchType(compiled, type)),
    ).toEqual([true, true, false]);
    const anyType = compileDefinition({ mode: "All", policyRule: ruleOf({ field: "name", equals: "x" }) });
    expect(canMatchType(anyType, "Microsoft.CognitiveServices/accounts/deployments")).toBe(true);
  });

  it("a project policy compiles to one object, with its definition's parameters and the context's", () => {
    const pinned = projectPolicies().find((p) => p.name === "pinned-model-version");
    if (!pinned) throw new Error("pinned-model-version is not registered");
    const compiled = compilePolicy(pinned);
    expect(compilePolicy(pinned)).toBe(compiled);
    if (compiled.kind !== "definition") throw new Error("expected a definition policy");
    expect(compiled.parameterNames).toEqual(["effect", "allowedUpgradeOptions"]);
    expect([...compiled.contextBound]).toEqual(["effect"]);
  });

  it("the offline check parses no definition again on later runs, and binds parameters once per policy", () => {
    evaluateGraphPolicies(plan.graph, { context: { protect: true } });
    const [parsed, bound] = [parses(), bindings()];
    const results = evaluateGraphPolicies(plan.graph, {
      context: { protect: true },
      config: { "approved-models": { allowedModels: ["OpenAI/*/*"] } },
    });
    expect(results.length).toBe(projectPolicies().length * plan.graph.nodes.length);
    expect(parses() - parsed).toBe(0);
    expect(bindings() - bound).toBe(definitionPolicies.length);
  });

  it("the pack parses no definition per resource, and binds parameters once per configuration", async () => {
    const pack = packPolicies();
    const [parsed, bound] = [parses(), bindings()];
    const resources = plan.graph.nodes.map(
      (node) =>
        ({
          type: node.type,
          name: node.name,
          urn: `urn:pulumi:prod::aideploy::${node.type}::${node.name}`,
          props: node.inputs as unknown as Record<string, unknown>,
          opts: { protect: true },
        }) as unknown as PolicyResource,
    );
    const config = () => ({ allowedModels: ["OpenAI/*/*", "Cohere/*/*", "Meta/*/*"] });
    let checks = 0;
    for (const policy of pack) {
      if ("validateResource" in policy) {
        const validate = (policy as ResourceValidationPolicy).validateResource;
        if (typeof validate !== "function") throw new Error(`${policy.name} has one validateResource`);
        for (const resource of resources) {
          await validate({ ...resource, getConfig: config } as unknown as ResourceValidationArgs, () => {});
          checks += 1;
        }
      } else {
        const validate = (policy as StackValidationPolicy).validateStack;
        await validate({ resources, getConfig: config } as unknown as StackValidationArgs, () => {});
      }
    }
    expect(checks).toBeGreaterThan(resources.length * 5);
    expect(parses() - parsed).toBe(0);
    expect(bindings() - bound).toBe(definitionPolicies.length);
  });

  it("users' assignments that name one definition share it, parsed once, bound once per assignment and run", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "aideploy-compiled-"));
    made.push(dir);
    const definition = {
      id: "/providers/Microsoft.Authorization/policyDefinitions/local-auth",
      name: "local-auth",
      properties: {
        displayName: "Local auth off",
        mode: "Indexed",
        parameters: { effect: { type: "String", defaultValue: "Audit" } },
        policyRule: ruleOf({ allOf: [byType, other] }, { effect: "[parameters('effect')]" }),
      },
    };
    const assignment = (name: string, effect: string) => ({
      name,
      properties: { policyDefinitionId: definition.id, parameters: { effect: { value: effect } } },
    });
    writeFileSync(path.join(dir, "definition.json"), JSON.stringify(definition));
    writeFileSync(path.join(dir, "audit.json"), JSON.stringify(assignment("audit", "Audit")));
    writeFileSync(path.join(dir, "deny.json"), JSON.stringify(assignment("deny", "Deny")));
    const before = parses();
    const { units, diagnostics } = loadAzurePolicies(dir);
    expect(diagnostics).toEqual([]);
    expect(units.map((unit) => [unit.id, unit.parameters])).toEqual([
      ["audit/local-auth", { effect: "Audit" }],
      ["deny/local-auth", { effect: "Deny" }],
    ]);
    expect(parses() - before).toBe(1);
    expect(units[1]?.definition).toBe(units[0]?.definition);

    const bound = bindings();
    evaluateGraphPolicies(plan.graph, { context: { protect: true }, azureUnits: units, policies: [] });
    expect(bindings() - bound).toBe(units.length);
  });
});
