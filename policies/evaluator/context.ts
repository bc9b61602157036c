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
  type RelativePath,
  readPath,
  readSingle,
  relativePath,
  startsWithPath,
  targetFor,
} from "./fields";
import type { JsonObject, JsonValue, Value } from "./json";
import { ignoreCase, normalizeLocation, type StringNormalizer } from "./values";

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
  | {
      kind: "field";
      prefix: PathSegment[];
      element: Value;
      /** Paths read inside this count, relative to its element, by the identity of their segments. */
      relative?: Map<readonly PathSegment[], RelativePath | null>;
      /** Scratch answer of the last lookup, reused so that reading a field allocates nothing. */
      found?: { element: Value; path: RelativePath };
    }
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

/** What every context of one evaluation shares. */
interface Evaluation {
  readonly resource: JsonObject;
  /** Lower-case resource type, the key aliases are matched by. */
  readonly type: string | undefined;
  readonly parameters: ReadonlyMap<string, JsonValue>;
  readonly now: () => Date;
  readonly apiVersion: string | undefined;
  readonly facts: EvaluationFacts;
  /**
   * In an `existenceCondition`, the resource the rule's `if` matched: `field()` in expressions reads it,
   * while conditions' `field` keys read the related resource.
   */
  readonly outer?: EvaluationContext;
}

/**
 * Everything a condition may read while it is evaluated: resource, parameters, enclosing counts. Members
 * are prototype methods and getters, so that the context made for every count element costs one object.
 */
export class EvaluationContext implements ExpressionScope {
  private readonly evaluation: Evaluation;
  private readonly frames: readonly CountFrame[];

  constructor(
    resource: JsonObject | Evaluation,
    parameters?: ReadonlyMap<string, JsonValue>,
    now?: () => Date,
    facts: EvaluationFacts = {},
    frames: readonly CountFrame[] = [],
  ) {
    if (parameters === undefined) {
      this.evaluation = resource as Evaluation;
    } else {
      const type = typeof resource.type === "string" ? resource.type.toLowerCase() : undefined;
      this.evaluation = {
        resource: resource as JsonObject,
        type,
        parameters,
        now: now ?? (() => new Date()),
        apiVersion: apiVersionFor(facts.apiVersion, type),
        facts,
      };
    }
    this.frames = frames;
  }

  get resource(): JsonObject {
    return this.evaluation.resource;
  }

  get type(): string | undefined {
    return this.evaluation.type;
  }

  get apiVersion(): string | undefined {
    return this.evaluation.apiVersion;
  }

  get resourceGroup(): ResourceGroupFacts | undefined {
    return this.evaluation.facts.resourceGroup;
  }

  get subscription(): SubscriptionFacts | undefined {
    return this.evaluation.facts.subscription;
  }

  get policy(): PolicyFacts | undefined {
    return this.evaluation.facts.policy;
  }

  now(): Date {
    return this.evaluation.now();
  }

  /** `current()`: only inside a count's `where`. */
  current(name: string | undefined): JsonValue {
    if (this.frames.length === 0) {
      throw new EvaluationError("current() is only available inside a count's where condition");
    }
    return this.currentValue(name);
  }

  /**
   * The context an `existenceCondition` is evaluated in: conditions read the related resource,
   * expressions' `field()` the resource the `if` matched, parameters and facts are this evaluation's.
   */
  forRelated(related: JsonObject): EvaluationContext {
    const type = typeof related.type === "string" ? related.type.toLowerCase() : undefined;
    const { parameters, now, facts } = this.evaluation;
    return new EvaluationContext({
      resource: related,
      type,
      parameters,
      now,
      apiVersion: apiVersionFor(facts.apiVersion, type),
      facts,
      outer: this,
    });
  }

  /** `field()`: a missing value reads as `""`, a `[*]` reference as the array of what it selects. */
  field(reference: string): JsonValue {
    if (this.evaluation.outer) return this.evaluation.outer.field(reference);
    const read = this.readReference(cachedFieldReference(reference));
    if (read.many) return read.values.map((value) => value ?? null);
    const value = read.values[0];
    return value === undefined ? "" : value;
  }

  /** The context inside a count's `where`, for one element. */
  enter(frame: CountFrame): EvaluationContext {
    return new EvaluationContext(this.evaluation, undefined, undefined, undefined, [...this.frames, frame]);
  }

  /**
   * Counts the elements a `where` holds for, with one context for the whole count: its frame's element
   * changes from one element to the next (evaluation is synchronous and nothing keeps the context).
   */
  countWhere(
    frame: CountFrame,
    elements: readonly Value[],
    where: (context: EvaluationContext) => boolean,
  ): number {
    if (frame.kind === "field") frame.relative = relativeCache(frame.prefix);
    const inner = this.enter(frame);
    let count = 0;
    for (const element of elements) {
      frame.element = element as JsonValue;
      if (where(inner)) count += 1;
    }
    return count;
  }

  /**
   * Whether `test` holds for every value a reference selects (vacuously for none), reading without
   * allocating in the common case: a path without `[*]` outside any count.
   */
  everyValue(
    reference: FieldReference,
    test: (value: Value, context: EvaluationContext, normalize: StringNormalizer) => boolean,
  ): boolean {
    const target = targetFor(reference, this.evaluation.type);
    if (target.kind === "absent") return test(undefined, this, ignoreCase);
    if (target.kind === "path") {
      const normalize = target.isLocation ? normalizeLocation : ignoreCase;
      let root: Value = this.evaluation.resource;
      let rest: readonly PathSegment[] = target.segments;
      let many = target.many === true;
      const relative = this.frames.length === 0 ? undefined : this.relativeTo(target.segments);
      if (relative) {
        root = relative.element;
        rest = relative.path.rest;
        many = relative.path.many;
      }
      if (!many) return test(readSingle(root, rest), this, normalize);
      for (const value of readPath(root, rest)) if (!test(value, this, normalize)) return false;
      return true;
    }
    for (const value of this.readTarget(target).values) if (!test(value, this, ignoreCase)) return false;
    return true;
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
    const { root, rest, many } = this.anchorTarget(target.segments, target.many === true);
    // The common `a.b[*]`: the array itself is the elements, read without copying.
    if (lastWildcardOnly(rest, many)) {
      const array = readSingle(root, rest, 0, rest.length - 1);
      return { prefix: target.segments, elements: Array.isArray(array) ? array : [] };
    }
    return { prefix: target.segments, elements: readPath(root, rest) };
  }

  parameter(name: string): JsonValue {
    return this.parameterByKey(name.toLowerCase(), name);
  }

  parameterByKey(key: string, name: string): JsonValue {
    const value = this.evaluation.parameters.get(key);
    if (value === undefined) throw new EvaluationError(`parameter '${name}' is not defined`);
    return value;
  }

  /** Inside a field count, paths under the counted array start at the current element. */
  private anchor(segments: PathSegment[]): { root: Value; rest: readonly PathSegment[] } {
    const { root, rest } = this.anchorTarget(segments, hasWildcard(segments));
    return { root, rest };
  }

  private anchorTarget(
    segments: PathSegment[],
    many: boolean,
  ): { root: Value; rest: readonly PathSegment[]; many: boolean } {
    const relative = this.relativeTo(segments);
    if (relative) return { root: relative.element, rest: relative.path.rest, many: relative.path.many };
    return { root: this.evaluation.resource, rest: segments, many };
  }

  /** The innermost field count whose array `segments` reads into, and the path from its element. */
  private relativeTo(segments: PathSegment[]): { element: Value; path: RelativePath } | undefined {
    for (let index = this.frames.length - 1; index >= 0; index -= 1) {
      const frame = this.frames[index];
      if (frame?.kind !== "field") continue;
      frame.relative ??= new Map();
      let relative = frame.relative.get(segments);
      if (relative === undefined) {
        relative = relativePath(segments, frame.prefix) ?? null;
        frame.relative.set(segments, relative);
      }
      if (relative) {
        frame.found ??= { element: undefined, path: relative };
        frame.found.element = frame.element;
        frame.found.path = relative;
        return frame.found;
      }
    }
    return undefined;
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

const relativeCaches = new WeakMap<
  readonly PathSegment[],
  Map<readonly PathSegment[], RelativePath | null>
>();

/** The relative paths read under one count's array, shared by every evaluation of that count. */
function relativeCache(prefix: readonly PathSegment[]): Map<readonly PathSegment[], RelativePath | null> {
  let cache = relativeCaches.get(prefix);
  if (!cache) {
    cache = new Map();
    relativeCaches.set(prefix, cache);
  }
  return cache;
}

function lastWildcardOnly(rest: readonly PathSegment[], many: boolean): boolean {
  if (!many || rest[rest.length - 1]?.kind !== "wildcard") return false;
  for (let index = 0; index < rest.length - 1; index += 1) if (rest[index]?.kind === "wildcard") return false;
  return true;
}

/** A case-insensitive parameter table from resolved values. */
export function parameterTable(values: Readonly<Record<string, JsonValue>>): Map<string, JsonValue> {
  return new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
}
