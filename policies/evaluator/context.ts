import { EvaluationError } from "./errors";
import type {
  ExpressionScope,
  PolicyFacts,
  ResourceGroupFacts,
  SubscriptionFacts,
} from "./expression-functions";
import {
  cachedFieldReference,
  type FieldReference,
  type FieldTarget,
  fullNameOf,
  hasWildcard,
  type PathSegment,
  readPath,
  startsWithPath,
  targetFor,
} from "./fields";
import type { JsonObject, JsonValue, Value } from "./json";

/**
 * A resource in ARM shape. Values must be JSON data; properties not listed here are read too.
 * An interface of optional members, so that callers' own resource types are accepted as they are.
 */
export interface ArmResource {
  id?: unknown;
  name?: unknown;
  type?: unknown;
  kind?: unknown;
  location?: unknown;
  tags?: unknown;
  identity?: unknown;
  sku?: unknown;
  plan?: unknown;
  zones?: unknown;
  etag?: unknown;
  managedBy?: unknown;
  extendedLocation?: unknown;
  systemData?: unknown;
  properties?: unknown;
}

/** The element a count's `where` is looking at. */
export type CountFrame =
  | { kind: "field"; prefix: PathSegment[]; element: Value }
  | { kind: "value"; name: string | undefined; element: JsonValue };

/** The values a field reference reads; `many` when the reference has a `[*]` outside any count. */
export interface FieldRead {
  values: Value[];
  many: boolean;
  isLocation: boolean;
}

/**
 * What the caller knows about where and how a resource is written, for `requestContext()`,
 * `resourceGroup()`, `subscription()` and `policy()`. Anything not given is unknown, and an expression
 * that reads it fails naming it.
 */
export interface EvaluationFacts {
  /** The API version the resource is written with: one for all, or per resource type (any case). */
  apiVersion?: string | Readonly<Record<string, string>> | undefined;
  resourceGroup?: ResourceGroupFacts | undefined;
  subscription?: SubscriptionFacts | undefined;
  policy?: PolicyFacts | undefined;
}

function apiVersionFor(
  apiVersion: EvaluationFacts["apiVersion"],
  resourceType: string | undefined,
): string | undefined {
  if (apiVersion === undefined || typeof apiVersion === "string") return apiVersion;
  if (resourceType === undefined) return undefined;
  const entry = Object.entries(apiVersion).find(([type]) => type.toLowerCase() === resourceType);
  return entry?.[1];
}

const NO_FIELD_READ: FieldRead = { values: [undefined], many: false, isLocation: false };

/** Everything a condition may read while it is evaluated: resource, parameters, enclosing counts. */
export class EvaluationContext implements ExpressionScope {
  /** Lower-case resource type, the key aliases are matched by. */
  readonly type: string | undefined;
  readonly apiVersion: string | undefined;
  readonly resourceGroup: ResourceGroupFacts | undefined;
  readonly subscription: SubscriptionFacts | undefined;
  readonly policy: PolicyFacts | undefined;
  /** `current()`: defined only inside a count's `where`. */
  readonly current: ((name: string | undefined) => JsonValue) | undefined;

  constructor(
    readonly resource: JsonObject,
    private readonly parameters: ReadonlyMap<string, JsonValue>,
    readonly now: () => Date,
    private readonly facts: EvaluationFacts = {},
    private readonly frames: readonly CountFrame[] = [],
  ) {
    const type = resource.type;
    this.type = typeof type === "string" ? type.toLowerCase() : undefined;
    this.apiVersion = apiVersionFor(facts.apiVersion, this.type);
    this.resourceGroup = facts.resourceGroup;
    this.subscription = facts.subscription;
    this.policy = facts.policy;
    this.current = frames.length > 0 ? (name) => this.currentValue(name) : undefined;
  }

  /** The context inside a count's `where`, for one element. */
  enter(frame: CountFrame): EvaluationContext {
    return new EvaluationContext(this.resource, this.parameters, this.now, this.facts, [
      ...this.frames,
      frame,
    ]);
  }

  /** `field()`: a missing value reads as `""`, a `[*]` reference as the array of what it selects. */
  field = (reference: string): JsonValue => {
    const read = this.readReference(cachedFieldReference(reference));
    if (read.many) return read.values.map((value) => value ?? null);
    const value = read.values[0];
    return value === undefined ? "" : value;
  };

  readField(reference: string): FieldRead {
    return this.readReference(cachedFieldReference(reference));
  }

  readReference(reference: FieldReference): FieldRead {
    return this.readTarget(targetFor(reference, this.type));
  }

  readTarget(target: FieldTarget): FieldRead {
    if (target.kind === "absent") return NO_FIELD_READ;
    if (target.kind === "fullName") {
      return { values: [fullNameOf(this.resource.id, this.resource.name)], many: false, isLocation: false };
    }
    if (this.frames.length === 0) {
      return {
        values: readPath(this.resource, target.segments),
        many: hasWildcard(target.segments),
        isLocation: target.isLocation,
      };
    }
    const { root, rest } = this.anchor(target.segments);
    return { values: readPath(root, rest), many: hasWildcard(rest), isLocation: target.isLocation };
  }

  /** The absolute path a field count iterates, and its elements seen from the enclosing counts. */
  countElements(reference: FieldReference, written: string): { prefix: PathSegment[]; elements: Value[] } {
    const target = targetFor(reference, this.type);
    if (target.kind !== "path") return { prefix: [], elements: [] };
    if (target.segments[target.segments.length - 1]?.kind !== "wildcard") {
      throw new EvaluationError(`count field '${written}' must end with [*]`);
    }
    const { root, rest } = this.anchor(target.segments);
    return { prefix: target.segments, elements: readPath(root, rest) };
  }

  parameter(name: string): JsonValue {
    const value = this.parameters.get(name.toLowerCase());
    if (value === undefined) throw new EvaluationError(`parameter '${name}' is not defined`);
    return value;
  }

  /** Kept for callers of the earlier API: the context is its own expression scope. */
  expressionScope(): ExpressionScope {
    return this;
  }

  /** Inside a field count, paths under the counted array start at the current element. */
  private anchor(segments: PathSegment[]): { root: Value; rest: PathSegment[] } {
    for (let index = this.frames.length - 1; index >= 0; index -= 1) {
      const frame = this.frames[index];
      if (frame?.kind === "field" && startsWithPath(segments, frame.prefix)) {
        return { root: frame.element, rest: segments.slice(frame.prefix.length) };
      }
    }
    return { root: this.resource, rest: segments };
  }

  private currentValue(name: string | undefined): JsonValue {
    if (name === undefined) {
      const innermost = this.frames[this.frames.length - 1];
      return innermost ? (innermost.element ?? null) : null;
    }
    for (let index = this.frames.length - 1; index >= 0; index -= 1) {
      const frame = this.frames[index];
      if (frame?.kind === "value" && frame.name?.toLowerCase() === name.toLowerCase()) return frame.element;
    }
    const target = name.includes("[*]") ? targetFor(cachedFieldReference(name), this.type) : undefined;
    for (let index = this.frames.length - 1; index >= 0; index -= 1) {
      const frame = this.frames[index];
      if (
        target?.kind === "path" &&
        frame?.kind === "field" &&
        frame.prefix.length === target.segments.length &&
        startsWithPath(target.segments, frame.prefix)
      ) {
        return frame.element ?? null;
      }
    }
    // `current('<alias of a property of the counted element>')`, e.g. `...securityRules[*].protocol`.
    if (target?.kind === "path") {
      for (let index = this.frames.length - 1; index >= 0; index -= 1) {
        const frame = this.frames[index];
        if (frame?.kind === "field" && startsWithPath(target.segments, frame.prefix)) {
          const values = readPath(frame.element, target.segments.slice(frame.prefix.length));
          return values.length === 1 ? (values[0] ?? null) : values.map((value) => value ?? null);
        }
      }
    }
    throw new EvaluationError(`current('${name}') does not name an enclosing count`);
  }
}

/** A case-insensitive parameter table from resolved values. */
export function parameterTable(values: Readonly<Record<string, JsonValue>>): Map<string, JsonValue> {
  return new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
}
