/** A location inside a parsed document: map keys and sequence indexes from the root. */
export type DocPath = readonly (string | number)[];

const plainKey = /^[A-Za-z_$][\w$-]*$/;

/** Renders a path as users read it: `deployments[2].model.version`, `accounts["my key"].name`. */
export function formatPath(path: DocPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (plainKey.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
