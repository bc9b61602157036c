import type { SemanticCheck } from "./check";

/** Every semantic check, in the order they run. */
export function semanticChecks(): readonly SemanticCheck[] {
  return [];
}
