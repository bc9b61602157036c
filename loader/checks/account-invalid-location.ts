import { suggestionText } from "../../diagnostics/suggest";
import { finding, type SemanticCheck } from "./check";
import { accountFieldSettings } from "./shared/account-names";
import { isKnownRegion, isProgrammaticForm, type Region, regionMeant } from "./shared/regions";

/**
 * Locations are written as Azure's programmatic region names (`eastus2`), which quota, availability and
 * policy checks compare as they are. A display name (`East US 2`) or a near miss of a known region
 * (`eastu2`) is an error with the name that was meant; a well-formed name that is merely not in the
 * list is left to account/unknown-location.
 */
export const accountInvalidLocation: SemanticCheck = {
  code: "account/invalid-location",
  severity: "error",
  description:
    "An account's location (or an environment's override of it) is not an Azure region name: a display name such as 'East US 2', or a misspelling such as 'eastu2'.",
  run(context) {
    return accountFieldSettings(context.file, "location").flatMap(({ key, value, path }) => {
      if (isKnownRegion(value)) return [];
      const meant = regionMeant(value);
      if (isProgrammaticForm(value) && meant === undefined) return [];
      return [
        finding(
          accountInvalidLocation,
          context,
          path,
          `the location ${JSON.stringify(value)} of account "${key}" ${problem(value, meant)}`,
          meant === undefined
            ? "write the programmatic name of the region (lower-case letters and digits, as `az account list-locations` lists under Name), for example eastus2 or swedencentral"
            : suggestionText(value, meant.name),
        ),
      ];
    });
  },
};

function problem(value: string, meant: Region | undefined): string {
  if (meant !== undefined && meant.displayName.toLowerCase() === value.toLowerCase()) {
    return `is the display name of region "${meant.name}", not its name`;
  }
  return "is not an Azure region name";
}
