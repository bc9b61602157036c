// What `pulumi up` would do with a program's registrations given the state an earlier run left: the engine's
// step decisions (a registration matches an old resource by URN or by one of its aliases; `ignoreChanges`
// paths take the old value, or are dropped when the old inputs lack them), and azure-native's Diff (the
// inputs of the resource's ARM path are replace keys; an added or changed one replaces the resource).
import type { ResourceRegistration } from "./engine";

/** One resource of a stack's state: what the engine keeps between runs. */
export interface StateResource {
  urn: string;
  type: string;
  inputs: Record<string, unknown>;
  /** The outputs the provider returned (the stand-in answers with the inputs). */
  outputs: Record<string, unknown>;
}

export type StepKind = "same" | "update" | "replace" | "create" | "delete";

export interface Step {
  kind: StepKind;
  /** The URN after the step (the old one for a delete). */
  urn: string;
  /** The old URN the registration matched (through an alias when it differs from `urn`). */
  oldUrn?: string;
  /** Top-level inputs that differ; for a replace, those that force it. */
  changed: string[];
  replaceKeys: string[];
}

/**
 * The inputs that name a resource's ARM path, per azure-native type: a change of any replaces it
 * (pulumi/pulumi-azure-native provider/pkg/provider/diff.go: "All the parameters that are part of the
 * resource path cause a replacement").
 */
export const PATH_INPUTS: Readonly<Record<string, readonly string[]>> = {
  "azure-native:resources:Resource": [
    "resourceGroupName",
    "resourceProviderNamespace",
    "parentResourcePath",
    "resourceType",
    "resourceName",
  ],
  "azure-native:cognitiveservices:Deployment": ["resourceGroupName", "accountName", "deploymentName"],
  "azure-native:cognitiveservices:Account": ["resourceGroupName", "accountName"],
  "azure-native:cognitiveservices:RaiPolicy": ["resourceGroupName", "accountName", "raiPolicyName"],
  "azure-native:cognitiveservices:RaiBlocklist": ["resourceGroupName", "accountName", "raiBlocklistName"],
  "azure-native:cognitiveservices:RaiBlocklistItem": [
    "resourceGroupName",
    "accountName",
    "raiBlocklistName",
    "raiBlocklistItemName",
  ],
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The new inputs after `ignoreChanges` (top-level paths), as the engine applies it. */
export function applyIgnoreChanges(
  news: Record<string, unknown>,
  olds: Record<string, unknown>,
  ignoreChanges: readonly string[],
): Record<string, unknown> {
  const result = { ...news };
  for (const key of ignoreChanges) {
    if (Object.hasOwn(olds, key)) result[key] = olds[key];
    else delete result[key];
  }
  return result;
}

/** The state a run leaves: every custom resource with its inputs after `ignoreChanges`, outputs = inputs. */
export function stateAfter(
  registrations: readonly ResourceRegistration[],
  previous: readonly StateResource[] = [],
): StateResource[] {
  const byUrn = new Map(previous.map((r) => [r.urn, r]));
  const state: StateResource[] = [];
  for (const registration of registrations.filter((r) => r.custom)) {
    const old = matchOld(registration, byUrn);
    const inputs = old
      ? applyIgnoreChanges(plainInputs(registration), old.inputs, registration.ignoreChanges)
      : plainInputs(registration);
    state.push({ urn: registration.urn, type: registration.type, inputs, outputs: inputs });
  }
  return state;
}

function plainInputs(registration: ResourceRegistration): Record<string, unknown> {
  return JSON.parse(JSON.stringify(registration.wireInputs)) as Record<string, unknown>;
}

function matchOld(
  registration: ResourceRegistration,
  byUrn: ReadonlyMap<string, StateResource>,
): StateResource | undefined {
  return byUrn.get(registration.urn) ?? registration.aliasUrns.map((u) => byUrn.get(u)).find(Boolean);
}

/** The steps of a run of `registrations` against `state`. */
export function planSteps(
  registrations: readonly ResourceRegistration[],
  state: readonly StateResource[],
): Step[] {
  const byUrn = new Map(state.map((r) => [r.urn, r]));
  const matched = new Set<string>();
  const steps: Step[] = [];
  for (const registration of registrations.filter((r) => r.custom)) {
    const old = matchOld(registration, byUrn);
    if (old === undefined) {
      steps.push({ kind: "create", urn: registration.urn, changed: [], replaceKeys: [] });
      continue;
    }
    matched.add(old.urn);
    const news = applyIgnoreChanges(plainInputs(registration), old.inputs, registration.ignoreChanges);
    const keys = new Set([...Object.keys(old.inputs), ...Object.keys(news)]);
    const changed = [...keys].filter((k) => !same(old.inputs[k], news[k])).sort();
    const pathInputs = PATH_INPUTS[registration.type] ?? [];
    const replaceKeys = changed.filter((k) => {
      if (!pathInputs.includes(k)) return false;
      // An input added with the value the old outputs already hold is no replace (azure-native).
      const added = !Object.hasOwn(old.inputs, k) && Object.hasOwn(news, k);
      return !(added && Object.hasOwn(old.outputs, k) && same(old.outputs[k], news[k]));
    });
    const kind: StepKind = replaceKeys.length > 0 ? "replace" : changed.length > 0 ? "update" : "same";
    const step: Step = { kind, urn: registration.urn, changed, replaceKeys };
    if (old.urn !== registration.urn) step.oldUrn = old.urn;
    steps.push(step);
  }
  for (const old of state) {
    if (!matched.has(old.urn)) steps.push({ kind: "delete", urn: old.urn, changed: [], replaceKeys: [] });
  }
  return steps;
}
