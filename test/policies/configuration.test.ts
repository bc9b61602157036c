// Policy configuration in the shape of `pulumi preview --policy-pack-config`: enforcement levels (per policy
// and `all`), parameters, and an effect parameter that switches a policy off.
import { describe, expect, it } from "vitest";
import { compilePolicy, staticEffect } from "../../policies/compiled";
import { type PolicyConfigEntry, type PolicyConfigFile, readPolicyEntry } from "../../policies/config";
import { parseDefinition } from "../../policies/evaluator";
import { projectPolicies } from "../../policies/registry";
import { enforcementForEffect, policyParameters, resolvePolicySettings } from "../../policies/settings";
import {
  ACCOUNT,
  BASELINE,
  check,
  DEPLOYMENT,
  diagnosticsOf,
  edit,
  FILTER,
  locate,
  resultFor,
} from "./rules/harness";

/** Three findings at the defaults: a mandatory one (account), an advisory one (account), and a mandatory one (filter). */
const violating = edit(
  BASELINE,
  ["disableLocalAuth: true", "disableLocalAuth: false"],
  ["identity: SystemAssigned", "identity: None"],
  ["mode: Default", "mode: Asynchronous_filter"],
);

function summary(config: PolicyConfigFile) {
  const checked = check(violating, { config });
  const pick = (policy: string, resource: string) => {
    const r = resultFor(checked, policy, resource);
    const d = diagnosticsOf(checked, policy, resource);
    return {
      outcome: r.outcome,
      effect: r.effect,
      enforcement: r.enforcement,
      severity: d.map((x) => x.severity),
    };
  };
  return {
    checked,
    localAuth: pick("local-auth-disabled", ACCOUNT),
    identity: pick("managed-identity", ACCOUNT),
    mode: pick("content-filter-modes", FILTER),
  };
}

describe("enforcement levels from the configuration", () => {
  it("without configuration each policy's effect decides: Deny is mandatory (error), Audit advisory (warning)", () => {
    const { localAuth, identity, mode } = summary({});
    expect(localAuth).toEqual({
      outcome: "non-compliant",
      effect: "deny",
      enforcement: "mandatory",
      severity: ["error"],
    });
    expect(identity).toEqual({
      outcome: "non-compliant",
      effect: "audit",
      enforcement: "advisory",
      severity: ["warning"],
    });
    expect(mode).toEqual({
      outcome: "non-compliant",
      effect: "deny",
      enforcement: "mandatory",
      severity: ["error"],
    });
  });

  it('{"all": "advisory"} makes every policy advisory; the effect stays what the definition says', () => {
    const { checked, localAuth, mode } = summary({ all: "advisory" });
    expect(localAuth).toEqual({
      outcome: "non-compliant",
      effect: "deny",
      enforcement: "advisory",
      severity: ["warning"],
    });
    expect(mode.severity).toEqual(["warning"]);
    expect(new Set(checked.results.map((r) => r.enforcement))).toEqual(new Set(["advisory"]));
    expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it('{"all": {"enforcementLevel": "disabled"}} reports nothing, though the resources are still evaluated', () => {
    const { checked, localAuth } = summary({ all: { enforcementLevel: "disabled" } });
    expect(localAuth).toEqual({
      outcome: "non-compliant",
      effect: "deny",
      enforcement: "disabled",
      severity: [],
    });
    expect(checked.diagnostics).toEqual([]);
  });

  it('{"<name>": "disabled"} switches one policy off and leaves the others', () => {
    const { localAuth, identity, mode } = summary({ "local-auth-disabled": "disabled" });
    expect(localAuth).toEqual({
      outcome: "non-compliant",
      effect: "deny",
      enforcement: "disabled",
      severity: [],
    });
    expect(identity.severity).toEqual(["warning"]);
    expect(mode.severity).toEqual(["error"]);
  });

  it('{"<name>": {"enforcementLevel": "mandatory"}} turns an Audit policy\'s finding into an error', () => {
    const { identity } = summary({ "managed-identity": { enforcementLevel: "mandatory" } });
    expect(identity).toEqual({
      outcome: "non-compliant",
      effect: "audit",
      enforcement: "mandatory",
      severity: ["error"],
    });
  });

  it("a policy's own level wins over all", () => {
    const { localAuth, identity } = summary({ all: "advisory", "local-auth-disabled": "mandatory" });
    expect(localAuth.enforcement).toBe("mandatory");
    expect(identity.enforcement).toBe("advisory");
  });

  it("the diagnostic carries the level in its message and points at the account's line", () => {
    const { checked } = summary({ "managed-identity": { enforcementLevel: "mandatory" } });
    expect(diagnosticsOf(checked, "managed-identity")).toEqual([
      {
        code: "policy/managed-identity",
        severity: "error",
        message:
          'Azure AI services accounts should use a managed identity: account acct-main does not comply: found identity.type = "None", allowed: identity.type notEquals "None" [AID-ACC-004, mandatory]',
        file: "deployments.yaml",
        ...locate(violating, "name: acct-main"),
        path: "accounts.main",
        hint: "Set `identity: SystemAssigned` on the account.",
      },
    ]);
  });
});

describe("the effect parameter", () => {
  it("Disabled makes the policy not applicable, with the reason, and no finding", () => {
    const checked = check(BASELINE, {
      config: { "approved-models": { effect: "Disabled", allowedModels: [] } },
    });
    const result = resultFor(checked, "approved-models", DEPLOYMENT);
    expect([result.outcome, result.effect, result.enforcement, result.message]).toEqual([
      "not-applicable",
      "disabled",
      "disabled",
      "the effect is disabled",
    ]);
    expect(diagnosticsOf(checked, "approved-models")).toEqual([]);
  });

  it("Audit on a Deny policy makes its finding advisory", () => {
    const { localAuth } = summary({ "local-auth-disabled": { effect: "Audit" } });
    expect(localAuth).toEqual({
      outcome: "non-compliant",
      effect: "audit",
      enforcement: "advisory",
      severity: ["warning"],
    });
  });

  it("Deny on an Audit policy makes its finding mandatory", () => {
    const { identity } = summary({ "managed-identity": { effect: "Deny" } });
    expect(identity).toEqual({
      outcome: "non-compliant",
      effect: "deny",
      enforcement: "mandatory",
      severity: ["error"],
    });
  });

  it("an effect the definition does not allow is an error outcome that blocks (Azure fails closed)", () => {
    const checked = check(BASELINE, { config: { "approved-models": { effect: "Block" } } });
    const result = resultFor(checked, "approved-models", DEPLOYMENT);
    expect([result.outcome, result.enforcement]).toEqual(["error", "mandatory"]);
    expect(result.message).toBe(
      'evaluation failed: parameter \'effect\' value "Block" is not one of the allowed values ["Audit","Deny","Disabled"]',
    );
    expect(diagnosticsOf(checked, "approved-models", DEPLOYMENT).map((d) => d.severity)).toEqual(["error"]);
  });
});

describe("enforcementForEffect", () => {
  it.each([
    ["Deny", "mandatory"],
    ["DenyAction", "mandatory"],
    ["Audit", "advisory"],
    ["AuditIfNotExists", "advisory"],
    ["Manual", "advisory"],
    ["Disabled", "disabled"],
    ["Modify", "remediate"],
    ["Append", "remediate"],
    ["DeployIfNotExists", "remediate"],
    ["Block", "mandatory"],
  ])("%s → %s", (effect, level) => {
    expect(enforcementForEffect(effect)).toBe(level);
  });
});

describe("parameters", () => {
  it("a parameter of the wrong type is an error outcome, reported at the resource", () => {
    const checked = check(BASELINE, { config: { "approved-models": { allowedModels: "OpenAI/gpt-4o/*" } } });
    expect(resultFor(checked, "approved-models", DEPLOYMENT)).toMatchObject({
      outcome: "error",
      effect: "deny",
      enforcement: "mandatory",
      message: "evaluation failed: parameter 'allowedModels' must be of type Array, got string",
    });
    expect(diagnosticsOf(checked, "approved-models", DEPLOYMENT)).toMatchObject([
      { severity: "error", ...locate(BASELINE, "name: chat"), path: "deployments[0]" },
    ]);
  });

  it("configured parameters reach the evaluation next to the enforcement level", () => {
    const checked = check(BASELINE, {
      config: { "approved-models": { enforcementLevel: "advisory", allowedModels: ["Meta/*/*"] } },
    });
    expect(resultFor(checked, "approved-models", DEPLOYMENT)).toMatchObject({
      outcome: "non-compliant",
      effect: "deny",
      enforcement: "advisory",
    });
  });

  it("settings of every policy at the defaults: definition effects map to levels, stack policies keep theirs", () => {
    const levels = Object.fromEntries(
      projectPolicies().map((p) => {
        const s = resolvePolicySettings(p, {}, { protect: true });
        return [p.name, `${s.effect}/${s.enforcement}`];
      }),
    );
    expect(levels).toEqual({
      "local-auth-disabled": "deny/mandatory",
      "network-access-restricted": "audit/advisory",
      "public-network-access-disabled": "audit/advisory",
      "managed-identity": "audit/advisory",
      "customer-managed-key": "audit/advisory",
      "approved-models": "deny/mandatory",
      "approved-registry-models": "audit/advisory",
      "allowed-deployment-types": "deny/mandatory",
      "custom-content-filter": "audit/advisory",
      "deployment-capacity-cap": "deny/mandatory",
      "pinned-model-version": "deny/mandatory",
      "content-filter-severity-floor": "deny/mandatory",
      "prompt-shields": "deny/mandatory",
      "protected-material": "audit/advisory",
      "content-filter-modes": "deny/mandatory",
      "content-filter-on-account": "deny/mandatory",
      "account-capacity-cap": "audit/advisory",
    });
  });

  it("pinned-model-version follows the environment's protection unless configured", () => {
    const pinned = projectPolicies().find((p) => p.name === "pinned-model-version");
    if (!pinned) throw new Error("pinned-model-version is not registered");
    expect(resolvePolicySettings(pinned, {}, { protect: false })).toMatchObject({
      effect: "disabled",
      enforcement: "disabled",
    });
    expect(resolvePolicySettings(pinned, {}, { protect: true })).toMatchObject({
      effect: "deny",
      enforcement: "mandatory",
    });
    expect(
      resolvePolicySettings(pinned, { "pinned-model-version": { effect: "Audit" } }, { protect: false }),
    ).toMatchObject({ effect: "audit", enforcement: "advisory" });
  });

  /** A definition with the parts staticEffect reads and the `if` every rule has; `then` is spelled once, here. */
  const definition = (effect: string, parameters: Record<string, unknown> = {}) => {
    const then = { effect };
    return { properties: { parameters, policyRule: { if: { field: "type", equals: "T" }, then } } };
  };
  it.each([
    ["a literal effect", definition("Deny"), {}, "deny"],
    [
      "a parameter's default",
      definition("[parameters('effect')]", { effect: { defaultValue: "Audit" } }),
      {},
      "audit",
    ],
    [
      "a supplied value, whatever the case of its name",
      definition("[parameters('effect')]", { Effect: { defaultValue: "Audit" } }),
      { EFFECT: "Disabled" },
      "disabled",
    ],
  ])("staticEffect reads %s", (_case, written, parameters, effect) => {
    expect(staticEffect(parseDefinition(written), parameters)).toBe(effect);
  });
});

describe("one policy's entry, read the same way by the offline check and the pack", () => {
  it.each<[string, unknown, PolicyConfigEntry]>([
    ["a level alone", "advisory", { enforcementLevel: "advisory", parameters: {} }],
    [
      "a level and parameters",
      { enforcementLevel: "mandatory", allowedModels: ["OpenAI/*/*"] },
      { enforcementLevel: "mandatory", parameters: { allowedModels: ["OpenAI/*/*"] } },
    ],
    [
      "parameters alone, as Pulumi hands the pack its part",
      { allowedModels: ["OpenAI/*/*"] },
      { parameters: { allowedModels: ["OpenAI/*/*"] } },
    ],
    [
      "a level Pulumi does not know is no level, and no parameter",
      { enforcementLevel: "strict", effect: "Audit" },
      { parameters: { effect: "Audit" } },
    ],
    ["nothing", undefined, { parameters: {} }],
    ["a list", ["advisory"], { parameters: {} }],
  ])("%s", (_case, entry, expected) => {
    expect(readPolicyEntry(entry)).toEqual(expected);
  });

  it("parameters: the context's or a stack policy's own, then the configured ones", () => {
    const byName = new Map(projectPolicies().map((p) => [p.name, compilePolicy(p)]));
    const parametersOf = (name: string, entry: unknown, protect: boolean) => {
      const policy = byName.get(name);
      if (!policy) throw new Error(`no policy ${name}`);
      return policyParameters(policy, readPolicyEntry(entry), { protect });
    };
    expect(parametersOf("pinned-model-version", {}, false)).toEqual({ effect: "Disabled" });
    expect(parametersOf("pinned-model-version", { effect: "Audit" }, false)).toEqual({ effect: "Audit" });
    expect(parametersOf("pinned-model-version", "mandatory", true)).toEqual({});
    expect(parametersOf("account-capacity-cap", { maxAccountTokenCapacity: 10 }, true)).toEqual({
      maxAccountTokenCapacity: 10,
      maxAccountProvisionedCapacity: 2000,
    });
  });
});
