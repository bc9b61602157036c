/**
 * A model catalog (the catalog format) as ARM serves it: the entries of `GET .../locations/{l}/models`
 * for one region (azure-facts.md §3): per model its format, name, version, `lifecycleStatus`,
 * `deprecation.inference`, `replacementConfig` and the skus offered in the region with their capacity
 * bounds, usage names and deprecation dates.
 */
import type { AideployModelCatalog, CatalogModel } from "../../../catalog/model-catalog";
import type { CatalogEntry, CatalogSku } from "./types";

/** The catalog's stage as ARM's `lifecycleStatus` spells it. */
const ARM_STATUS: Record<NonNullable<CatalogModel["lifecycle"]["status"]>, string> = {
  ga: "GenerallyAvailable",
  preview: "Preview",
  legacy: "Legacy",
  deprecated: "Deprecating",
  retired: "Deprecated",
};

export interface PayloadOptions {
  /** The usage name of a model's deployment type (default `<format>.<type>.<name>`). */
  usageName?: (model: CatalogModel, type: string) => string;
  /** The account kind ARM lists the entry for (default AIServices). */
  kind?: string;
}

const dateTime = (date: string) => `${date}T00:00:00Z`;

/**
 * The entries ARM lists in `location` for the catalog's versioned models: those with at least one
 * deployment type whose regions include it.
 */
export function armCatalogPayload(
  catalog: AideployModelCatalog,
  location: string,
  options: PayloadOptions = {},
): CatalogEntry[] {
  const usageName = options.usageName ?? ((model, type) => `${model.format}.${type}.${model.name}`);
  const entries: CatalogEntry[] = [];
  for (const model of catalog.models) {
    if (model.version === null) continue;
    const skus: CatalogSku[] = [];
    for (const [type, offer] of Object.entries(model.deploymentTypes)) {
      if (!offer?.regions?.includes(location)) continue;
      const capacity = Object.fromEntries(
        Object.entries(offer.capacity).filter(([, value]) => value !== null),
      ) as CatalogSku["capacity"];
      skus.push({
        name: type,
        usageName: usageName(model, type),
        ...(capacity && Object.keys(capacity).length > 0 ? { capacity } : {}),
        ...(offer.retirementDate ? { deprecationDate: dateTime(offer.retirementDate) } : {}),
      });
    }
    if (skus.length === 0) continue;
    const { lifecycle } = model;
    const replacement = lifecycle.replacements?.[0];
    entries.push({
      kind: options.kind ?? "AIServices",
      skuName: "S0",
      model: {
        format: model.format,
        name: model.name,
        version: model.version,
        ...(lifecycle.status ? { lifecycleStatus: ARM_STATUS[lifecycle.status] } : {}),
        ...(lifecycle.retirementDate
          ? { deprecation: { inference: dateTime(lifecycle.retirementDate) } }
          : {}),
        ...(replacement
          ? {
              replacementConfig: {
                targetModelName: replacement.name,
                ...(replacement.version ? { targetModelVersion: replacement.version } : {}),
              },
            }
          : {}),
        skus,
      },
    });
  }
  return entries;
}
