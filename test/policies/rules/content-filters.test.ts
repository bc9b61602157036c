// Compliance / Noncompliance of the content filter policies (policies/rules/content-filters/).
import { describeRule, type Edit, FILTER } from "./harness";

/** Edits one line of the prompt or completion side of the baseline filter ("" removes the line). */
function side(which: "prompt" | "completion", from: string, to: string): Edit {
  const prompt = ["hate: low", "sexual: low", "violence: medium", "selfHarm: low"];
  const rest =
    which === "prompt"
      ? ["jailbreak: block", "indirectAttack: block"]
      : ["protectedMaterialText: block", "protectedMaterialCode: annotate"];
  const lines = (keys: string[]) => keys.map((k) => `      ${k}\n`).join("");
  const before = `    ${which}:\n${lines([...prompt, ...rest])}`;
  const after = before.replace(`      ${from}\n`, to === "" ? "" : `      ${to}\n`);
  if (after === before) throw new Error(`${from} is not on the ${which} side`);
  return [before, after];
}

describeRule("content-filter-severity-floor", [
  {
    name: "baseline: low and medium thresholds, blocking",
    resource: FILTER,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "prompt hate at high",
    edits: [side("prompt", "hate: low", "hate: high")],
    resource: FILTER,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "completion violence off",
    edits: [side("completion", "violence: medium", "violence: off")],
    resource: FILTER,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "a category left out is off",
    edits: [side("completion", "selfHarm: low", "")],
    resource: FILTER,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "medium is too permissive when allowedThresholds is [Low]",
    config: { "content-filter-severity-floor": { allowedThresholds: ["Low"] } },
    resource: FILTER,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "only the listed categories count (categories: [Hate], sexual at high)",
    edits: [side("prompt", "sexual: low", "sexual: high")],
    config: { "content-filter-severity-floor": { categories: ["Hate"] } },
    resource: FILTER,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
]);

describeRule("prompt-shields", [
  {
    name: "baseline: jailbreak blocked",
    resource: FILTER,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "jailbreak only annotated",
    edits: [side("prompt", "jailbreak: block", "jailbreak: annotate")],
    resource: FILTER,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "jailbreak off",
    edits: [side("prompt", "jailbreak: block", "jailbreak: off")],
    resource: FILTER,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "indirect attack annotated is fine while only Jailbreak is required",
    edits: [side("prompt", "indirectAttack: block", "indirectAttack: annotate")],
    resource: FILTER,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "requiredShields with Indirect Attack, blocked",
    config: { "prompt-shields": { requiredShields: ["Jailbreak", "Indirect Attack"] } },
    resource: FILTER,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "requiredShields with Indirect Attack, only annotated",
    edits: [side("prompt", "indirectAttack: block", "indirectAttack: annotate")],
    config: { "prompt-shields": { requiredShields: ["Jailbreak", "Indirect Attack"] } },
    resource: FILTER,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "annotation accepted with allowedBlocking [true, false]",
    edits: [side("prompt", "jailbreak: block", "jailbreak: annotate")],
    config: { "prompt-shields": { allowedBlocking: [true, false] } },
    resource: FILTER,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
]);

describeRule("protected-material", [
  {
    name: "baseline: text blocked, code annotated",
    resource: FILTER,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "protected material text off",
    edits: [side("completion", "protectedMaterialText: block", "protectedMaterialText: off")],
    resource: FILTER,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "annotation not enough with allowedBlocking [true]",
    config: { "protected-material": { allowedBlocking: [true] } },
    resource: FILTER,
    outcome: "non-compliant",
    effect: "audit",
    enforcement: "advisory",
  },
  {
    name: "only the required filters count (requiredFilters: [Protected Material Code], text off)",
    edits: [side("completion", "protectedMaterialText: block", "protectedMaterialText: off")],
    config: { "protected-material": { requiredFilters: ["Protected Material Code"] } },
    resource: FILTER,
    outcome: "compliant",
    effect: "audit",
    enforcement: "advisory",
  },
]);

const mode = (value: string): Edit => ["mode: Default", `mode: ${value}`];

describeRule("content-filter-modes", [
  {
    name: "baseline: Default",
    resource: FILTER,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "Blocking, a value Azure no longer documents, is not allowed by default",
    edits: [mode("Blocking")],
    resource: FILTER,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "Blocking when allowedModes lists it",
    edits: [mode("Blocking")],
    config: { "content-filter-modes": { allowedModes: ["Default", "Blocking"] } },
    resource: FILTER,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "Asynchronous_filter streams before filtering",
    edits: [mode("Asynchronous_filter")],
    resource: FILTER,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "Deferred, the older name of Asynchronous_filter",
    edits: [mode("Deferred")],
    resource: FILTER,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "Default when allowedModes is [Blocking]",
    edits: [mode("Default")],
    config: { "content-filter-modes": { allowedModes: ["Blocking"] } },
    resource: FILTER,
    outcome: "non-compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
  {
    name: "Asynchronous_filter when allowedModes lists it",
    edits: [mode("Asynchronous_filter")],
    config: { "content-filter-modes": { allowedModes: ["Default", "Blocking", "Asynchronous_filter"] } },
    resource: FILTER,
    outcome: "compliant",
    effect: "deny",
    enforcement: "mandatory",
  },
]);
