import type { AideployDeploymentsFile } from "../../file-types.generated";
import type { DocPath } from "../../path";
import { entries } from "./scopes";

/** Every place a field of an account is written: the account itself and each environment's override. */
export function accountFieldSettings(
  file: AideployDeploymentsFile,
  field: "name" | "customSubDomain" | "resourceGroup" | "location",
): { key: string; value: string; path: DocPath }[] {
  const settings: { key: string; value: string; path: DocPath }[] = [];
  for (const [key, account] of entries(file.accounts)) {
    const value = account[field];
    if (value !== undefined) settings.push({ key, value, path: ["accounts", key, field] });
  }
  for (const [environment, env] of entries(file.environments)) {
    for (const [key, override] of entries(env.accounts)) {
      const value = override[field];
      if (value !== undefined) {
        settings.push({ key, value, path: ["environments", environment, "accounts", key, field] });
      }
    }
  }
  return settings;
}
