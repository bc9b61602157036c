import { jsonDocument } from "../../text/json";
import type { Diagnostic } from "../diagnostic";

/** The diagnostics as a JSON array, one object per finding with every field of the Diagnostic type. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return jsonDocument(diagnostics);
}
