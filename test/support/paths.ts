import * as path from "node:path";

/** The repository root. */
export const repoRoot = path.resolve(__dirname, "..", "..");

/** `../shared` beside the repository: design notes and public reference data for tests. */
export const sharedDir = path.resolve(repoRoot, "..", "shared");

export const referenceDir = path.join(sharedDir, "reference");
