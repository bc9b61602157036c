import { finding, type SemanticCheck } from "./check";
import { accountFieldSettings } from "./shared/account-names";
import { isKnownRegion, isProgrammaticForm, REGIONS_FILE, regionMeant } from "./shared/regions";

/**
 * A well-formed region name that is not in the list and close to none of it: a region newer than the
 * list, or one of a sovereign cloud, more often than a mistake. A warning, so that such files still
 * deploy.
 */
export const accountUnknownLocation: SemanticCheck = {
  code: "account/unknown-location",
  severity: "warning",
  description: `An account's location is written like a region name but is not one of the public Azure regions in ${REGIONS_FILE}.`,
  run(context) {
    return accountFieldSettings(context.file, "location").flatMap(({ key, value, path }) => {
      if (isKnownRegion(value) || !isProgrammaticForm(value) || regionMeant(value) !== undefined) return [];
      return [
        finding(
          accountUnknownLocation,
          context,
          path,
          `the location ${JSON.stringify(value)} of account "${key}" is not one of the Azure regions aideploy knows (${REGIONS_FILE})`,
          `check the name with \`az account list-locations --query "[].name"\`; if Azure has this region, add it to ${REGIONS_FILE}`,
        ),
      ];
    });
  },
};
