import type { SourceLocation } from "../diagnostics/diagnostic";
import type { Enforcement, PolicySeverity } from "./policy";

export type Outcome = "compliant" | "non-compliant" | "not-applicable" | "error";

/** One resource checked against one policy. */
export interface PolicyResult {
  policy: {
    /** `AID-…` for the project's policies; the assignment and reference id for users' Azure Policy. */
    id: string;
    name: string;
    /** The Azure Policy definition followed: a file of policies/definitions/, or the assigned definition id. */
    definition: string;
    displayName: string;
    follows?: string;
    severity: PolicySeverity;
    remediation: string;
    origin: "project" | "azure";
  };
  resource: {
    /** Pulumi logical name. */
    name: string;
    /** azure-native type token. */
    type: string;
    /** Key of its account; absent for a resource at subscription scope (the subscription's RAI policy). */
    account?: string;
    source: SourceLocation;
  };
  outcome: Outcome;
  /** Effect in lower case, when known. */
  effect: string | null;
  enforcement: Enforcement;
  message: string;
  /** An existence effect whose related resource cannot be known offline: neither a pass nor a finding. */
  undecided?: boolean;
  /** A DenyAction assignment protects the resource: Azure refuses to delete it. */
  blocksDelete?: boolean;
  /** Where the file sets the field the policy read, when it does: findings point there. */
  at?: SourceLocation;
  /** Modify: the operations Azure applies to the resource when it is written. */
  modifications?: string[];
}
