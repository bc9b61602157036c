import {
  aliasResourceType,
  coveredNamespaces,
  findAlias,
  isCoveredNamespace,
  unknownAliasMessage,
} from "./aliases";
import { EvaluationError } from "./errors";
import { getProperty, isJsonObject, type Value } from "./json";

/** One step of a resource path: a property, an array index, or `[*]` (every element). */
export type PathSegment =
  | { kind: "property"; name: string }
  | { kind: "index"; index: number }
  | { kind: "wildcard" };

/** What a `field` reference points at in a given resource. */
export type FieldTarget =
  | {
      kind: "path";
      segments: PathSegment[];
      isLocation: boolean;
      /** The path has a `[*]`: it selects a collection of values. */
      many?: boolean;
    }
  | { kind: "fullName" }
  /** An alias of another resource type: Azure reads it as missing. */
  | { kind: "absent" };

/**
 * A field reference resolved once, whatever resource it is later read on: a built-in field or plain path
 * (the same on every resource), or an alias (a path on resources of its type, missing on the others).
 * An alias that does not exist carries the error every read of it raises.
 */
export type FieldReference =
  | { kind: "fixed"; target: FieldTarget }
  | {
      kind: "alias";
      /** Lower-case resource type the alias belongs to. */
      resourceType: string;
      /** Undefined for an alias outside the tables: its own type cannot be read. */
      target: Extract<FieldTarget, { kind: "path" }> | undefined;
      name: string;
    }
  | { kind: "unknown"; message: string };

const topLevelFields = new Set(["type", "name", "kind", "location", "id", "tags", "identity", "sku"]);

/**
 * Resolves a field reference, independent of the resource: a built-in field (`type`, `name`, `kind`,
 * `location`, `id`, `fullName`, `identity.type`, `tags`, `tags.x`, `tags['x']`, `tags[x]`), an alias, or
 * a plain dotted path. A malformed path throws an EvaluationError.
 */
export function compileFieldReference(reference: string): FieldReference {
  const lower = reference.toLowerCase();
  if (lower === "fullname") return { kind: "fixed", target: { kind: "fullName" } };
  if (topLevelFields.has(lower)) {
    return {
      kind: "fixed",
      target: pathTarget(parsePath(lower), lower === "location"),
    };
  }
  // Tag names may contain dots: everything after `tags.` is the name.
  if (lower.startsWith("tags.")) {
    return {
      kind: "fixed",
      target: pathTarget([property("tags"), property(reference.slice(5))], false),
    };
  }
  if (reference.includes("/")) return compileAlias(reference);
  return { kind: "fixed", target: pathTarget(parsePath(reference), false) };
}

function compileAlias(reference: string): FieldReference {
  const alias = findAlias(reference);
  if (alias) {
    return {
      kind: "alias",
      resourceType: alias.resourceType.toLowerCase(),
      target: pathTarget(parsePath(alias.path), false),
      name: alias.name,
    };
  }
  if (isCoveredNamespace(reference)) return { kind: "unknown", message: unknownAliasMessage(reference) };
  return {
    kind: "alias",
    resourceType: aliasResourceType(reference).toLowerCase(),
    target: undefined,
    name: reference,
  };
}

/** What a resolved reference reads on a resource of this (lower-case) type. */
export function targetFor(reference: FieldReference, resourceType: string | undefined): FieldTarget {
  switch (reference.kind) {
    case "fixed":
      return reference.target;
    case "unknown":
      throw new EvaluationError(reference.message);
    case "alias":
      if (reference.resourceType !== resourceType) return { kind: "absent" };
      if (reference.target) return reference.target;
      throw new EvaluationError(
        `alias '${reference.name}' is outside the alias tables (${coveredNamespaces.join(", ")}): its resources cannot be read`,
      );
  }
}

const compiledReferences = new Map<string, FieldReference>();
const MAX_CACHED_REFERENCES = 10_000;

/** `compileFieldReference`, memoized: computed references (`field(concat(...))`) repeat per resource. */
export function cachedFieldReference(reference: string): FieldReference {
  let compiled = compiledReferences.get(reference);
  if (!compiled) {
    compiled = compileFieldReference(reference);
    if (compiledReferences.size >= MAX_CACHED_REFERENCES) compiledReferences.clear();
    compiledReferences.set(reference, compiled);
  }
  return compiled;
}

/**
 * Resolves a field reference for a resource type (any case); kept for callers that resolve one
 * reference once. An unknown alias of a covered namespace throws an EvaluationError.
 */
export function resolveField(reference: string, resourceType: string | undefined): FieldTarget {
  return targetFor(cachedFieldReference(reference), resourceType?.toLowerCase());
}

/** A path target with what is known about it from its segments. */
function pathTarget(segments: PathSegment[], isLocation: boolean): Extract<FieldTarget, { kind: "path" }> {
  return { kind: "path", segments, isLocation, many: hasWildcard(segments) };
}

function property(name: string): PathSegment {
  return { kind: "property", name };
}

/** Parses `properties.a.b[*].c`, `tags['x']`, `list[0]` into segments. */
export function parsePath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let at = 0;
  const malformed = (): never => {
    throw new EvaluationError(`malformed field path '${text}'`);
  };
  while (at < text.length) {
    const start = at;
    const nameMatch = /^[^.[\]]+/.exec(text.slice(at));
    if (nameMatch) {
      segments.push(property(nameMatch[0]));
      at += nameMatch[0].length;
    }
    while (text.charAt(at) === "[") {
      const close = findClosingBracket(text, at);
      if (close < 0) malformed();
      const inner = text.slice(at + 1, close).trim();
      if (inner === "*") segments.push({ kind: "wildcard" });
      else if (/^\d+$/.test(inner)) segments.push({ kind: "index", index: Number(inner) });
      else if (/^'.*'$/s.test(inner)) segments.push(property(inner.slice(1, -1).replace(/''/g, "'")));
      else if (inner !== "") segments.push(property(inner));
      else malformed();
      at = close + 1;
    }
    if (at === start) malformed();
    if (at < text.length) {
      if (text.charAt(at) !== ".") malformed();
      at += 1;
      if (at === text.length) malformed();
    }
  }
  if (segments.length === 0) malformed();
  return segments;
}

function findClosingBracket(text: string, open: number): number {
  let quoted = false;
  for (let at = open + 1; at < text.length; at += 1) {
    const char = text.charAt(at);
    if (char === "'") quoted = !quoted;
    else if (char === "]" && !quoted) return at;
  }
  return -1;
}

export function hasWildcard(segments: readonly PathSegment[]): boolean {
  return segments.some((segment) => segment.kind === "wildcard");
}

/** Reads a path without `[*]`: the one value, undefined when missing. */
export function readSingle(
  root: Value,
  segments: readonly PathSegment[],
  from = 0,
  to = segments.length,
): Value {
  let current = root;
  for (let position = from; position < to; position += 1) {
    const segment = segments[position] as PathSegment;
    if (segment.kind === "index") current = Array.isArray(current) ? current[segment.index] : undefined;
    else if (segment.kind === "property") current = propertyOf(current, segment.name);
    else return undefined;
  }
  return current;
}

/**
 * `getProperty` on an object, undefined on anything else: the same lookup, written here because paths
 * are read for every condition on every resource and a call into another module costs more than it.
 */
function propertyOf(value: Value, name: string): Value {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  if (Object.hasOwn(value, name)) return value[name];
  return getProperty(value, name);
}

/**
 * Reads a path. Without `[*]` the result has exactly one value (undefined when missing); each `[*]`
 * fans out over the array's elements, and a missing or non-array value has no elements.
 */
export function readPath(root: Value, segments: readonly PathSegment[], from = 0): Value[] {
  // The common case, a path without `[*]`, reads without allocating a visitor.
  let current = root;
  for (let position = from; position < segments.length; position += 1) {
    const segment = segments[position] as PathSegment;
    if (segment.kind === "wildcard") {
      const values: Value[] = [];
      if (Array.isArray(current)) {
        for (const element of current) {
          for (const value of readPath(element, segments, position + 1)) values.push(value);
        }
      }
      return values;
    }
    if (segment.kind === "index") current = Array.isArray(current) ? current[segment.index] : undefined;
    else current = isJsonObject(current) ? getProperty(current, segment.name) : undefined;
  }
  return [current];
}

/** A path relative to a count's element, and whether it still selects a collection. */
export interface RelativePath {
  rest: PathSegment[];
  many: boolean;
}

const relativePaths = new WeakMap<
  readonly PathSegment[],
  WeakMap<readonly PathSegment[], RelativePath | null>
>();

/**
 * `segments` relative to `prefix` when `prefix` starts it, else undefined. Memoized by the identity of
 * both arrays: compiled references keep their segments, so a count's `where` resolves each once.
 */
export function relativePath(
  segments: readonly PathSegment[],
  prefix: readonly PathSegment[],
): RelativePath | undefined {
  let byPrefix = relativePaths.get(segments);
  if (!byPrefix) {
    byPrefix = new WeakMap();
    relativePaths.set(segments, byPrefix);
  }
  let relative = byPrefix.get(prefix);
  if (relative === undefined) {
    const rest = startsWithPath(segments, prefix) ? segments.slice(prefix.length) : undefined;
    relative = rest ? { rest, many: hasWildcard(rest) } : null;
    byPrefix.set(prefix, relative);
  }
  return relative ?? undefined;
}

/** Whether `prefix` is the start of `segments` (property names without case). */
export function startsWithPath(segments: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  if (prefix.length > segments.length) return false;
  return prefix.every((expected, position) => {
    const actual = segments[position];
    if (!actual || actual.kind !== expected.kind) return false;
    if (expected.kind === "property")
      return expected.name.toLowerCase() === (actual as typeof expected).name.toLowerCase();
    if (expected.kind === "index") return expected.index === (actual as typeof expected).index;
    return true;
  });
}

/** `fullName`: the names of the resource and its parents, e.g. `account/deployment`. */
export function fullNameOf(id: Value, name: Value): Value {
  if (typeof id === "string") {
    const marker = id.toLowerCase().lastIndexOf("/providers/");
    if (marker >= 0) {
      // After the namespace, the id alternates type and name segments.
      const parts = id
        .slice(marker + "/providers/".length)
        .split("/")
        .slice(1);
      const names = parts.filter((_, position) => position % 2 === 1);
      if (names.length > 0) return names.join("/");
    }
  }
  return name;
}
