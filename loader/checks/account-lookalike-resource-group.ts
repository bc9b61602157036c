import { finding, type SemanticCheck } from "./check";
import { accountFieldSettings } from "./shared/account-names";
import { asciiLookalike, asciiLookalikes, describeCharacter } from "./shared/characters";
import { nameProblem, resourceGroupNameRule } from "./shared/names";

/**
 * Azure accepts Unicode letters in resource group names, so "rg-prоd" with a Cyrillic "о" is valid, and
 * a different resource group from "rg-prod". Names that are invalid anyway are left to
 * account/invalid-resource-group.
 */
export const accountLookalikeResourceGroup: SemanticCheck = {
  code: "account/lookalike-resource-group",
  severity: "warning",
  description:
    "A resource group name contains a character that imitates an ASCII one (the Cyrillic U+043E for 'o'); Azure treats it as another resource group.",
  run(context) {
    return accountFieldSettings(context.file, "resourceGroup").flatMap(({ key, value, path }) => {
      const lookalikes = asciiLookalikes(value);
      if (lookalikes.length === 0 || nameProblem(value, resourceGroupNameRule) !== undefined) return [];
      const plain = [...value].map((ch) => asciiLookalike(ch) ?? ch).join("");
      return [
        finding(
          accountLookalikeResourceGroup,
          context,
          path,
          `the resource group ${JSON.stringify(value)} of account "${key}" contains ${lookalikes.map(describeCharacter).join(", ")}; Azure treats it as a resource group other than ${JSON.stringify(plain)}`,
          `retype the name in ASCII ("${plain}") unless the resource group really is named with ${lookalikes.length === 1 ? "this character" : "these characters"}`,
        ),
      ];
    });
  },
};
