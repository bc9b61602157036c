/**
 * Writes docs/policies.md from the policy registry and the project's Azure Policy definitions: what each
 * policy checks, the definition it follows, how it is enforced by default and which parameters configure it.
 * A test fails when the committed page differs from what this produces.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { compilePolicy } from "../policies/compiled";
import { effectSupport, supportedFunctionNames, unsupportedFunctionNames } from "../policies/evaluator";
import type { ProjectPolicy } from "../policies/policy";
import { projectPolicies } from "../policies/registry";
import { resolvePolicySettings } from "../policies/settings";

export const policyDocsPath = path.resolve(__dirname, "..", "docs", "policies.md");

export interface DocumentedParameter {
  name: string;
  type: string;
  defaultValue: unknown;
  allowedValues?: unknown[];
  description: string;
}

/** Parameters a configuration may set, with their defaults: a definition's, or a stack policy's. */
export function policyParameters(policy: ProjectPolicy): DocumentedParameter[] {
  const compiled = compilePolicy(policy);
  if (compiled.kind === "stack") {
    return Object.entries(compiled.policy.parameters).map(([name, value]) => ({
      name,
      type: Array.isArray(value) ? "Array" : typeof value === "number" ? "Integer" : "String",
      defaultValue: value,
      description: "",
    }));
  }
  return compiled.parameters.map((p) => {
    const parameter: DocumentedParameter = {
      name: p.name,
      type: p.type ?? "String",
      defaultValue: p.defaultValue,
      description: p.description ?? "",
    };
    if (p.allowedValues !== undefined) parameter.allowedValues = p.allowedValues;
    return parameter;
  });
}

/** The default effect and enforcement; spelled out per context when the deployment context changes them. */
export function defaultEnforcement(policy: ProjectPolicy): string {
  const protectedEnv = resolvePolicySettings(policy, {}, { protect: true });
  const elsewhere = resolvePolicySettings(policy, {}, { protect: false });
  const say = (s: { effect: string; enforcement: string }) =>
    s.effect === "disabled" ? "disabled" : `${s.effect} (${s.enforcement})`;
  if (say(protectedEnv) === say(elsewhere)) return say(protectedEnv);
  return `${say(protectedEnv)} in protected environments, ${say(elsewhere)} elsewhere`;
}

/** Free text as Markdown: asterisks and underscores outside code spans stay literal (model patterns). */
export function prose(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith("`") ? part : part.replace(/([*_])/g, "\\$1")))
    .join("");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** A Markdown table with padded columns, as the repository's formatter (Biome) writes tables. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

function code(value: unknown): string {
  return value === undefined ? "—" : `\`${cell(JSON.stringify(value))}\``;
}

function anchor(policy: ProjectPolicy): string {
  return `${policy.id}-${policy.name}`.toLowerCase();
}

function section(policy: ProjectPolicy): string[] {
  const compiled = compilePolicy(policy);
  const parsed = compiled.kind === "definition" ? compiled.definition.parsed : undefined;
  const lines = [`## ${policy.id} \`${policy.name}\``, ""];
  if (parsed?.displayName) lines.push(`**${parsed.displayName}**`, "");
  lines.push(prose(policy.description), "");
  lines.push(`- Diagnostic code: \`policy/${policy.name}\``);
  if (policy.kind === "definition") {
    const file = `policies/definitions/${policy.definitionFile}`;
    lines.push(`- Definition: [\`${file}\`](../${file}) (mode ${parsed?.mode ?? "Indexed"})`);
  } else {
    lines.push("- Definition: a stack policy (a rule across resources that Azure Policy cannot express)");
  }
  lines.push(`- Follows: ${prose(policy.follows ?? "no Azure built-in; the project's own rule")}`);
  lines.push(`- Default effect: ${defaultEnforcement(policy)}`);
  lines.push(`- Severity: ${policy.severity}`);
  lines.push(`- Remediation: ${prose(policy.remediation)}`);
  const parameters = policyParameters(policy);
  lines.push("");
  if (parameters.length === 0) {
    lines.push("No parameters.");
  } else {
    lines.push(
      ...markdownTable(
        ["Parameter", "Type", "Default", "Allowed values", "Description"],
        parameters.map((p) => [
          `\`${p.name}\``,
          p.type,
          code(p.defaultValue),
          p.allowedValues ? code(p.allowedValues) : "—",
          cell(prose(p.description)) || "—",
        ]),
      ),
    );
  }
  lines.push("");
  return lines;
}

/** What the evaluator speaks of Azure Policy: effects, functions, and what it cannot decide offline. */
export function languageSection(): string[] {
  const names = (list: readonly string[]) =>
    [...list]
      .sort((a, b) => a.localeCompare(b))
      .map((n) => `\`${n}\``)
      .join(", ");
  return [
    "## Users' Azure Policy: what the evaluator supports",
    "",
    "Definitions, initiatives and assignments exported from Azure into `policies/azure/` (or the directory",
    "`--azure-policies` names) are enforced by `validate`, `plan`, `report` and `diff`, and by the CrossGuard pack",
    "(which reads `policies/azure/` beside it, or the directory in `AIDEPLOY_AZURE_POLICIES`): one policy per",
    "assignment and definition, named `azure-policy-<name>` in the pack and reported as `azure-policy/<name>`.",
    "`<name>` comes from the initiative's reference id, or from the definition's display name when the",
    "reference id is a GUID. Assignments are read as Azure reads them: `parameters`, `enforcementMode`",
    "(DoNotEnforce reports what Deny would block, as advisory findings), `scope` and `notScopes` (resources",
    "outside the scope or under an excluded scope are not applicable) and `nonComplianceMessages` (shown in",
    "the finding). A definition nobody assigns is enforced with its defaults; one whose parameters have no",
    "default is reported once (`azure-policy/invalid`): assign it or give defaults.",
    "",
    "A finding points at the line of the YAML key that sets the field the policy read (an environment's",
    "override, the declaration, or `defaults`), and says what was found and what the policy allows.",
    "",
    "### Effects",
    "",
    ...markdownTable(
      ["Effect", "Offline evaluation"],
      effectSupport.map((e) => [e.effect, cell(e.offline)]),
    ),
    "",
    "### Cannot be decided offline",
    "",
    "AuditIfNotExists and DeployIfNotExists look for a related resource. When its type is one the file",
    "plans (Microsoft.CognitiveServices accounts, deployments, content filters, blocklists), the plan holds",
    "every such resource and the verdict is Azure's. When it is not (for example",
    "`Microsoft.Insights/diagnosticSettings`, private endpoints or private DNS zone groups), whether it",
    "exists in Azure cannot be known without Azure: the result is _cannot be decided offline_, which is",
    "neither a pass nor a finding (reported as not applicable, with that reason).",
    "",
    "### Template functions",
    "",
    `Supported in policy rules: ${names(supportedFunctionNames())}.`,
    "",
    `Not offered by Azure Policy in policy rules (an evaluation error, as Azure rejects them): ${names(unsupportedFunctionNames())}, and the \`list*\` functions.`,
    "",
  ];
}

export function generatePolicyDocs(policies: readonly ProjectPolicy[] = projectPolicies()): string {
  const lines = [
    "# Policies",
    "",
    "<!-- Generated by `npx tsx scripts/generate-policy-docs.ts` from policies/registry.ts and policies/definitions/. Do not edit. -->",
    "",
    "Every resource `aideploy` plans is checked against these policies by `aideploy validate` and `aideploy plan`,",
    "offline, and by the CrossGuard pack in `policies/` at `pulumi preview`. Most are Azure Policy definitions",
    "evaluated on the ARM view of a resource; stack policies look across resources. A finding is a diagnostic",
    "with the code `policy/<name>` at the line of the field the policy read (else the line that declared the",
    "resource), saying what was found and what is allowed: an error when the policy is mandatory",
    "(exit code 1), a warning when it is advisory.",
    "",
    "Enforcement follows each definition's effect (Deny: mandatory, Audit: advisory, Disabled: off) unless the",
    "policy configuration says otherwise. The configuration has the shape of `pulumi preview",
    "--policy-pack-config` and is passed to the CLI with `--policy-config FILE`:",
    "",
    "```json",
    "{",
    '  "all": "advisory",',
    '  "local-auth-disabled": "mandatory",',
    '  "approved-models": { "enforcementLevel": "mandatory", "allowedModels": ["OpenAI/gpt-4o/*"] },',
    '  "pinned-model-version": { "effect": "Disabled" }',
    "}",
    "```",
    "",
    "`aideploy policy list [--format text|md|json] [--policy-config FILE]` prints this list with the effect and",
    "enforcement each policy has under a configuration (`aideploy policies` is an alias of it).",
    "",
    ...markdownTable(
      ["Id", "Name", "Default effect", "Severity"],
      policies.map((p) => [
        `[${p.id}](#${anchor(p)})`,
        `\`${p.name}\``,
        cell(defaultEnforcement(p)),
        p.severity,
      ]),
    ),
    "",
  ];
  for (const policy of policies) lines.push(...section(policy));
  lines.push(...languageSection());
  return `${lines.join("\n").trimEnd()}\n`;
}

if (require.main === module) {
  writeFileSync(policyDocsPath, generatePolicyDocs());
  process.stdout.write(`wrote ${path.relative(process.cwd(), policyDocsPath)}\n`);
}
