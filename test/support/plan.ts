import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { ModelCatalog } from "../../catalog/model-catalog";
import { type Plan, planLoaded } from "../../infra/plan";
import { loadDeploymentsText } from "../../loader/load";
import { repoRoot } from "./paths";

/**
 * The estate most tests are written against: the bundled example as it was when the first version shipped
 * (gpt-4o era), frozen so that those tests do not change each time the bundled `deployments.yaml` follows
 * Azure's current models. Tests of the bundled example itself read `deployments.yaml` at the root.
 */
export const estateFile = path.join(repoRoot, "test", "fixtures", "estate.yaml");

export function estateText(): string {
  return readFileSync(estateFile, "utf8");
}

/**
 * Plans YAML text (with the given catalog, else the one for `file`); fails the test with the diagnostics
 * when the text does not plan.
 */
export function planText(
  text: string,
  environment?: string,
  file = "deployments.yaml",
  catalog?: ModelCatalog,
): Plan {
  const result = planLoaded(loadDeploymentsText(file, text, catalog), environment);
  if (!result.ok) {
    const lines = result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`);
    throw new Error(`expected the text to plan, got:\n${lines.join("\n")}`);
  }
  return result.plan;
}
