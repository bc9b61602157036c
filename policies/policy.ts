import type { ArmView } from "./arm-view";
import type { JsonValue } from "./evaluator";

/** Pulumi CrossGuard enforcement levels. */
export type Enforcement = "advisory" | "mandatory" | "remediate" | "disabled";
export const enforcementLevels: readonly Enforcement[] = ["advisory", "mandatory", "remediate", "disabled"];

export type PolicySeverity = "low" | "medium" | "high" | "critical";

interface PolicyBase {
  /** Stable id: `AID-<AREA>-<NNN>`. */
  id: string;
  /** Pulumi policy name and diagnostic code suffix: lower-case words joined by hyphens. */
  name: string;
  description: string;
  severity: PolicySeverity;
  /** How to fix a violation in deployments.yaml. */
  remediation: string;
  /** The Azure built-in (or documented policy) this one follows, when there is one. */
  follows?: string;
}

/** A policy written as an Azure Policy definition (policies/definitions/), evaluated on ARM views. */
export interface DefinitionPolicy extends PolicyBase {
  kind: "definition";
  /** File name under policies/definitions/. */
  definitionFile: string;
  /** The definition as Azure stores it. */
  definition: unknown;
  /** Parameters set from the deployment context rather than by the user (e.g. the environment's protection). */
  contextParameters?(context: PolicyContext): Record<string, JsonValue>;
}

/** A rule across resources that Azure Policy cannot express (it sees one resource at a time). */
export interface StackPolicy extends PolicyBase {
  kind: "stack";
  /** Parameters and their defaults; the pack configuration may override them. */
  parameters: Record<string, JsonValue>;
  /** Enforcement when the configuration says nothing. */
  defaultEnforcement: Enforcement;
  check(resources: readonly StackResource[], parameters: Record<string, JsonValue>): StackViolation[];
}

export type ProjectPolicy = DefinitionPolicy | StackPolicy;

export interface PolicyContext {
  /** The environment is protected (`protect: true`). */
  protect: boolean;
}

/** A resource as a stack policy sees it: its ARM view and the account it belongs to. */
export interface StackResource {
  /** Pulumi logical name. */
  name: string;
  /** Account the resource belongs to (its ARM id prefix). */
  accountId: string;
  view: ArmView;
}

export interface StackViolation {
  /** Pulumi logical name of the resource at fault. */
  resource: string;
  message: string;
}
