import type { Enforcement } from "../../policies/policy";
import type { Outcome } from "../../policies/results";
import { plural } from "../../text/plural";

/** Outcomes in the order reports list them: what needs attention first. */
export const OUTCOMES: readonly Outcome[] = ["non-compliant", "error", "compliant", "not-applicable"];

/** Enforcement levels from the one that blocks a deployment to the one that is switched off. */
export const ENFORCEMENTS: readonly Enforcement[] = ["mandatory", "remediate", "advisory", "disabled"];

export interface OutcomeLabel {
  /** Full words, for headings and legends. */
  label: string;
  /** A short word that fits a matrix cell; never only a colour. */
  short: string;
  /** An emoji for Markdown, where colour is not available. */
  emoji: string;
}

export const outcomeLabels: Readonly<Record<Outcome, OutcomeLabel>> = {
  "non-compliant": { label: "Non-compliant", short: "fail", emoji: "❌" },
  error: { label: "Evaluation error", short: "error", emoji: "⚠️" },
  compliant: { label: "Compliant", short: "pass", emoji: "✅" },
  "not-applicable": { label: "Not applicable", short: "n/a", emoji: "➖" },
};

export const enforcementDescriptions: Readonly<Record<Enforcement, string>> = {
  mandatory: "blocks the deployment",
  remediate: "fixed automatically on deploy",
  advisory: "reported, does not block",
  disabled: "switched off",
};

/** How strict an enforcement level is; the strictest one a policy is bound with stands for the policy. */
export function enforcementRank(enforcement: Enforcement): number {
  return ENFORCEMENTS.length - ENFORCEMENTS.indexOf(enforcement);
}

/** The exit codes of `aideploy report`, in the words of its help text. */
export const reportExitCodes: readonly { code: number; meaning: string }[] = [
  { code: 0, meaning: "the report was produced and no mandatory policy is violated" },
  {
    code: 1,
    meaning:
      "a mandatory policy is violated or could not be evaluated (the report is still produced), " +
      "or the file has errors (printed as by `aideploy validate`)",
  },
  {
    code: 2,
    meaning:
      "usage error: unreadable file, unknown environment, bad option or policy configuration, unwritable --out",
  },
];

/** "2 findings of mandatory policies block the deployment", in the singular for one. */
export function blockingSentence(count: number): string {
  return count === 1
    ? "1 finding of a mandatory policy blocks the deployment"
    : `${plural(count, "finding", { grouped: true })} of mandatory policies block the deployment`;
}
