import type { AideployDeploymentsFile, Capacity, RateLimit } from "../../file-types.generated";
import type { DocPath } from "../../path";
import { entries } from "./scopes";

/** Every object of the file that can size a deployment, and where it is. */
export function sizedObjects(
  file: AideployDeploymentsFile,
): { values: { capacity?: Capacity; rateLimit?: RateLimit }; path: DocPath }[] {
  const objects: { values: { capacity?: Capacity; rateLimit?: RateLimit }; path: DocPath }[] = [];
  if (file.defaults) objects.push({ values: file.defaults, path: ["defaults"] });
  file.deployments.forEach((deployment, index) => {
    objects.push({ values: deployment, path: ["deployments", index] });
  });
  for (const [name, env] of entries(file.environments)) {
    if (env.defaults) objects.push({ values: env.defaults, path: ["environments", name, "defaults"] });
    for (const [deployment, override] of entries(env.deployments)) {
      objects.push({ values: override, path: ["environments", name, "deployments", deployment] });
    }
  }
  return objects;
}
