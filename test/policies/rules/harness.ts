// Table-driven policy cases on the real path: YAML text → planText() → evaluateGraphPolicies() →
// policyDiagnostics(). A case is a one-change edit of a compliant baseline (cdk-nag's Compliance /
// Noncompliance), asserted for one resource and one policy: outcome, effect, enforcement and the Diagnostic
// that points at the YAML that declared the resource.
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../diagnostics/diagnostic";
import type { Plan } from "../../../infra/plan";
import type { PolicyConfigFile } from "../../../policies/config";
import { evaluateGraphPolicies, policyDiagnostics } from "../../../policies/evaluate-plan";
import type { Enforcement } from "../../../policies/policy";
import type { Outcome, PolicyResult } from "../../../policies/results";
import { planText } from "../../support/plan";

export const FILE = "deployments.yaml";

/**
 * Complies with every policy of the pack at its defaults: one account (kind OpenAI, so the
 * customer-managed-key policy applies to it), one deployment, one content filter; `prod` is protected.
 */
export const BASELINE = `version: 1
accounts:
  main:
    name: acct-main
    resourceGroup: rg-ai
    location: swedencentral
    create: true
    kind: OpenAI
    publicNetworkAccess: Disabled
    disableLocalAuth: true
    identity: SystemAssigned
    networkAcls: { defaultAction: Deny }
    encryption: { keyVaultUri: "https://kv-ai.vault.azure.net/", keyName: cmk }
deployments:
  - name: chat
    account: main
    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
    sku: Standard
    capacity: 10
    contentFilter: strict
    versionUpgradeOption: NoAutoUpgrade
contentFilters:
  strict:
    base: Microsoft.DefaultV2
    mode: Default
    prompt:
      hate: low
      sexual: low
      violence: medium
      selfHarm: low
      jailbreak: block
      indirectAttack: block
    completion:
      hate: low
      sexual: low
      violence: medium
      selfHarm: low
      protectedMaterialText: block
      protectedMaterialCode: annotate
environments:
  prod: { protect: true }
`;

/** Logical names of the baseline's resources, and the text that starts each one's declaration. */
export const ACCOUNT = "main";
export const DEPLOYMENT = "main/deployment/chat";
export const FILTER = "main/content-filter/strict";
export const declarations: Record<string, string> = {
  [ACCOUNT]: "name: acct-main",
  [DEPLOYMENT]: "name: chat",
  [FILTER]: "base: Microsoft.DefaultV2",
};

/** Replace `from` (which must occur exactly once, so a changed baseline fails loudly) with `to`. */
export type Edit = readonly [from: string, to: string];

export function edit(text: string, ...edits: readonly Edit[]): string {
  let result = text;
  for (const [from, to] of edits) {
    const count = result.split(from).length - 1;
    if (count !== 1)
      throw new Error(`expected exactly one ${JSON.stringify(from)} in the text, found ${count}`);
    result = result.replace(from, to);
  }
  return result;
}

/** 1-based line and column of the first occurrence of `needle`. */
export function locate(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${JSON.stringify(needle)} is not in the text`);
  const before = text.slice(0, index).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Where the value of `key: value` starts: findings point at the key that sets the field a policy read. */
export function locateValue(text: string, keyAndValue: string): { line: number; column: number } {
  const at = locate(text, keyAndValue);
  return { line: at.line, column: at.column + keyAndValue.indexOf(":") + 2 };
}

export interface Checked {
  text: string;
  plan: Plan;
  results: PolicyResult[];
  diagnostics: Diagnostic[];
}

/** Plans the text (in an environment) and checks every resource against every project policy. */
export function check(text: string, options: { env?: string; config?: PolicyConfigFile } = {}): Checked {
  const plan = planText(text, options.env, FILE);
  const results = evaluateGraphPolicies(plan.graph, {
    context: { protect: plan.state.protect },
    config: options.config ?? {},
  });
  return { text, plan, results, diagnostics: policyDiagnostics(results) };
}

/** The one result of a policy on a resource. */
export function resultFor(checked: Checked, policy: string, resource: string): PolicyResult {
  const found = checked.results.filter((r) => r.policy.name === policy && r.resource.name === resource);
  if (found.length !== 1) throw new Error(`${found.length} results of ${policy} on ${resource}`);
  return found[0] as PolicyResult;
}

/** Diagnostics of one policy (code `policy/<name>`), optionally only those at a resource's declaration. */
export function diagnosticsOf(checked: Checked, policy: string, resource?: string): Diagnostic[] {
  const at = resource === undefined ? undefined : checked.plan.graph.nodes.find((n) => n.name === resource);
  return checked.diagnostics.filter(
    (d) =>
      d.code === `policy/${policy}` &&
      (at === undefined || (d.line === at.source.line && d.path === at.source.path)),
  );
}

export interface RuleCase {
  /** The behaviour, as the test name. */
  name: string;
  /** Edits of the baseline (none: the baseline itself); or a whole text. */
  edits?: readonly Edit[];
  text?: string;
  env?: string;
  config?: PolicyConfigFile;
  /** Logical name of the resource asserted on. */
  resource: string;
  /** Text that starts the resource's declaration; defaults to the baseline's. */
  declaredBy?: string;
  outcome: Outcome;
  effect: string | null;
  enforcement: Enforcement;
  /** For non-compliant stack policies: text the finding's message must contain. */
  message?: string;
}

/** One `it` per case: the result, and the Diagnostic (or its absence) at the declaring line. */
export function describeRule(policy: string, cases: readonly RuleCase[]): void {
  describe(policy, () => {
    for (const c of cases) {
      it(`${c.outcome}: ${c.name}`, () => {
        const text = c.text ?? edit(BASELINE, ...(c.edits ?? []));
        const options: { env?: string; config?: PolicyConfigFile } = {};
        if (c.env !== undefined) options.env = c.env;
        if (c.config !== undefined) options.config = c.config;
        const checked = check(text, options);
        const result = resultFor(checked, policy, c.resource);
        expect({ outcome: result.outcome, effect: result.effect, enforcement: result.enforcement }).toEqual({
          outcome: c.outcome,
          effect: c.effect,
          enforcement: c.enforcement,
        });
        if (c.message !== undefined) expect(result.message).toContain(c.message);
        const reported =
          (c.outcome === "non-compliant" || c.outcome === "error") && c.enforcement !== "disabled";
        const needle = c.declaredBy ?? declarations[c.resource];
        if (needle === undefined) throw new Error(`say where ${c.resource} is declared`);
        const node = checked.plan.graph.nodes.find((n) => n.name === c.resource);
        const found = diagnosticsOf(checked, policy, c.resource);
        if (!reported) {
          expect(found).toEqual([]);
          return;
        }
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({
          code: `policy/${policy}`,
          severity: c.enforcement === "mandatory" ? "error" : "warning",
          file: FILE,
          ...locate(text, needle),
          path: node?.source.path,
        });
        expect(found[0]?.message).toContain(`[${result.policy.id}, ${c.enforcement}]`);
        expect(found[0]?.hint).toBe(result.policy.remediation);
      });
    }
  });
}
