import type { DeploymentType } from "./file-types.generated";

/** Provisioned types count capacity in PTUs (what other types count: loader/capacity.ts). */
const provisioned: ReadonlySet<string> = new Set<DeploymentType>([
  "ProvisionedManaged",
  "GlobalProvisionedManaged",
  "DataZoneProvisionedManaged",
]);

export function isProvisioned(sku: string): boolean {
  return provisioned.has(sku);
}

/** Types that process data outside the account's region or geography. */
export function isGlobal(sku: string): boolean {
  return sku.startsWith("Global");
}

/** Microsoft's built-in content filters, usable by name without being declared. */
export const MICROSOFT_BASE_POLICIES: readonly string[] = ["Microsoft.Default", "Microsoft.DefaultV2"];

export function isMicrosoftBasePolicy(name: string): boolean {
  return MICROSOFT_BASE_POLICIES.some((p) => p.toLowerCase() === name.toLowerCase());
}
