import type { EmulatorResponse, RequestContext } from "./http";

export type RouteHandler = (ctx: RequestContext) => EmulatorResponse | Promise<EmulatorResponse>;

type Segment =
  | { kind: "literal"; text: string }
  | { kind: "param"; name: string }
  /** `{...name}`: one or more segments, joined with `/` (an ARM scope). */
  | { kind: "rest"; name: string };

interface Route {
  method: string;
  pattern: string;
  segments: Segment[];
  handler: RouteHandler;
}

export interface RouteMatch {
  handler: RouteHandler;
  params: Record<string, string>;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

function parsePattern(pattern: string): Segment[] {
  return splitPath(pattern).map((segment): Segment => {
    const rest = /^\{\.\.\.(\w+)\}$/.exec(segment);
    if (rest?.[1]) return { kind: "rest", name: rest[1] };
    const param = /^\{(\w+)\}$/.exec(segment);
    if (param?.[1]) return { kind: "param", name: param[1] };
    return { kind: "literal", text: segment.toLowerCase() };
  });
}

function matchSegments(
  segments: readonly Segment[],
  parts: readonly string[],
  params: Record<string, string>,
): boolean {
  const [head, ...tail] = segments;
  if (!head) return parts.length === 0;
  if (head.kind === "rest") {
    // Greedy with backtracking: the longest scope that still lets the remainder match.
    for (let take = parts.length - tail.length; take >= 1; take--) {
      const attempt: Record<string, string> = {};
      if (matchSegments(tail, parts.slice(take), attempt)) {
        Object.assign(params, attempt, { [head.name]: `/${parts.slice(0, take).join("/")}` });
        return true;
      }
    }
    return false;
  }
  const [part, ...remaining] = parts;
  if (part === undefined) return false;
  if (head.kind === "literal" && part.toLowerCase() !== head.text) return false;
  if (head.kind === "param") params[head.name] = part;
  return matchSegments(tail, remaining, params);
}

/** Method + path-template routing; literal segments compare case-insensitively, as ARM paths do. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), pattern, segments: parsePattern(pattern), handler });
    return this;
  }

  /** The first route whose template matches; `methodMismatch` when only the method differs. */
  match(method: string, path: string): RouteMatch | "methodMismatch" | undefined {
    const parts = splitPath(path).map((part) => decodeURIComponent(part));
    let pathKnown = false;
    for (const route of this.routes) {
      const params: Record<string, string> = {};
      if (!matchSegments(route.segments, parts, params)) continue;
      if (route.method !== method.toUpperCase()) {
        pathKnown = true;
        continue;
      }
      return { handler: route.handler, params };
    }
    return pathKnown ? "methodMismatch" : undefined;
  }
}
