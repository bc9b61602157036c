import regionData from "../../../catalog/regions.json";
import { closestMatch } from "../../../diagnostics/suggest";

/** An Azure region: its programmatic name (`eastus2`) and the name people read (`East US 2`). */
export interface Region {
  name: string;
  displayName: string;
}

/** The public-cloud regions of catalog/regions.json (its `source` says where they come from). */
export function azureRegions(): readonly Region[] {
  return regionData.regions;
}

/** File where the list lives, for messages. */
export const REGIONS_FILE = "catalog/regions.json";

/** Programmatic region names are lower-case letters and digits (`eastus2`, `australiacentral2`). */
export function isProgrammaticForm(value: string): boolean {
  return /^[a-z0-9]+$/.test(value);
}

export function isKnownRegion(value: string): boolean {
  return azureRegions().some((region) => region.name === value);
}

/**
 * The region `value` most likely means: the one whose name or display name it is once case, spaces,
 * hyphens and underscores are ignored (`East US 2`, `EastUS2`, `east-us-2`), else a close spelling
 * (`eastu2`); undefined when none is close.
 */
export function regionMeant(value: string): Region | undefined {
  const squashed = value.toLowerCase().replace(/[\s_-]+/g, "");
  const regions = azureRegions();
  const exact = regions.find(
    (region) => region.name === squashed || region.displayName.toLowerCase().replace(/\s+/g, "") === squashed,
  );
  if (exact) return exact;
  const name = closestMatch(
    squashed,
    regions.map((region) => region.name),
  );
  return regions.find((region) => region.name === name);
}
