import { EvaluationError } from "./errors";
import type { ExpressionScope } from "./expression-functions";
import {
  type FieldTarget,
  fullNameOf,
  hasWildcard,
  type PathSegment,
  readPath,
  resolveField,
  startsWithPath,
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

/** Everything a condition may read while it is evaluated: resource, parameters, enclosing counts. */
export class EvaluationContext {
  constructor(
    readonly resource: JsonObject,
    private readonly parameters: ReadonlyMap<string, JsonValue>,
    private readonly now: () => Date,
    private readonly apiVersion: string,
    private readonly frames: readonly CountFrame[] = [],
  ) {}

  /** The context inside a count's `where`, for one element. */
  enter(frame: CountFrame): EvaluationContext {
    return new EvaluationContext(this.resource, this.parameters, this.now, this.apiVersion, [
      ...this.frames,
      frame,
    ]);
  }

  readField(reference: string): FieldRead {
    const target = resolveField(reference, this.resourceType());
    if (target.kind === "absent") return { values: [undefined], many: false, isLocation: false };
    if (target.kind === "fullName") {
      return { values: [fullNameOf(this.resource.id, this.resource.name)], many: false, isLocation: false };
    }
    const { root, rest } = this.anchor(target.segments);
    return { values: readPath(root, rest), many: hasWildcard(rest), isLocation: target.isLocation };
  }

  /** The absolute path a field count iterates, and its elements seen from the enclosing counts. */
  countElements(reference: string): { prefix: PathSegment[]; elements: Value[] } {
    const target = this.arrayTarget(reference);
    if (target.kind !== "path") return { prefix: [], elements: [] };
    const { root, rest } = this.anchor(target.segments);
    return { prefix: target.segments, elements: readPath(root, rest) };
  }

  expressionScope(): ExpressionScope {
    return {
      parameter: (name) => this.parameter(name),
      field: (reference) => {
        const read = this.readField(reference);
        return read.many ? read.values.map((value) => value ?? null) : (read.values[0] ?? null);
      },
      current: this.frames.length > 0 ? (name) => this.current(name) : undefined,
      now: this.now,
      apiVersion: this.apiVersion,
    };
  }

  parameter(name: string): JsonValue {
    const value = this.parameters.get(name.toLowerCase());
    if (value === undefined) throw new EvaluationError(`parameter '${name}' is not defined`);
    return value;
  }

  private resourceType(): string | undefined {
    const type = this.resource.type;
    return typeof type === "string" ? type : undefined;
  }

  private arrayTarget(reference: string): FieldTarget {
    const target = resolveField(reference, this.resourceType());
    if (target.kind === "path" && target.segments[target.segments.length - 1]?.kind !== "wildcard") {
      throw new EvaluationError(`count field '${reference}' must end with [*]`);
    }
    return target;
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

  private current(name: string | undefined): JsonValue {
    if (name === undefined) {
      const innermost = this.frames[this.frames.length - 1];
      return innermost ? (innermost.element ?? null) : null;
    }
    for (let index = this.frames.length - 1; index >= 0; index -= 1) {
      const frame = this.frames[index];
      if (frame?.kind === "value" && frame.name?.toLowerCase() === name.toLowerCase()) return frame.element;
    }
    const target = name.includes("[*]") ? resolveField(name, this.resourceType()) : undefined;
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
    throw new EvaluationError(`current('${name}') does not name an enclosing count`);
  }
}

/** A case-insensitive parameter table from resolved values. */
export function parameterTable(values: Readonly<Record<string, JsonValue>>): Map<string, JsonValue> {
  return new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
}
