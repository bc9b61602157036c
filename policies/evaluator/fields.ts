import { findAlias } from "./aliases";
import { EvaluationError } from "./errors";
import { getProperty, isJsonObject, type Value } from "./json";

/** One step of a resource path: a property, an array index, or `[*]` (every element). */
export type PathSegment =
  | { kind: "property"; name: string }
  | { kind: "index"; index: number }
  | { kind: "wildcard" };

/** What a `field` reference points at in a given resource. */
export type FieldTarget =
  | { kind: "path"; segments: PathSegment[]; isLocation: boolean }
  | { kind: "fullName" }
  /** An alias of another resource type: Azure reads it as missing. */
  | { kind: "absent" };

const topLevelFields = new Set(["type", "name", "kind", "location", "id", "tags", "identity", "sku"]);

/**
 * Resolves a field reference: a built-in field (`type`, `name`, `kind`, `location`, `id`,
 * `fullName`, `identity.type`, `tags`, `tags.x`, `tags['x']`, `tags[x]`), an alias, or a dotted path.
 */
export function resolveField(reference: string, resourceType: string | undefined): FieldTarget {
  const lower = reference.toLowerCase();
  if (lower === "fullname") return { kind: "fullName" };
  if (topLevelFields.has(lower))
    return { kind: "path", segments: parsePath(lower), isLocation: lower === "location" };
  // Tag names may contain dots: everything after `tags.` is the name.
  if (lower.startsWith("tags.")) {
    return { kind: "path", segments: [property("tags"), property(reference.slice(5))], isLocation: false };
  }
  if (reference.includes("/")) return resolveAlias(reference, resourceType);
  return { kind: "path", segments: parsePath(reference), isLocation: false };
}

function resolveAlias(reference: string, resourceType: string | undefined): FieldTarget {
  const type = resourceType?.toLowerCase();
  const alias = findAlias(reference);
  if (alias) {
    return alias.resourceType.toLowerCase() === type
      ? { kind: "path", segments: parsePath(alias.path), isLocation: false }
      : { kind: "absent" };
  }
  // An alias outside the table: Azure's convention maps `<type>/<x>` to `properties.<x>`.
  if (type && reference.toLowerCase().startsWith(`${type}/`)) {
    const rest = reference.slice(type.length + 1);
    if (!rest.includes("/"))
      return { kind: "path", segments: parsePath(`properties.${rest}`), isLocation: false };
  }
  return { kind: "absent" };
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

/**
 * Reads a path. Without `[*]` the result has exactly one value (undefined when missing); each `[*]`
 * fans out over the array's elements, and a missing or non-array value has no elements.
 */
export function readPath(root: Value, segments: readonly PathSegment[]): Value[] {
  const values: Value[] = [];
  const visit = (current: Value, position: number): void => {
    const segment = segments[position];
    if (!segment) {
      values.push(current);
      return;
    }
    if (segment.kind === "wildcard") {
      if (Array.isArray(current)) for (const element of current) visit(element, position + 1);
    } else if (segment.kind === "index") {
      visit(Array.isArray(current) ? current[segment.index] : undefined, position + 1);
    } else {
      visit(isJsonObject(current) ? getProperty(current, segment.name) : undefined, position + 1);
    }
  };
  visit(root, 0);
  return values;
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
