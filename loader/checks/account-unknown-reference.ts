import type { Diagnostic } from "../../diagnostics/diagnostic";
import { didYouMean } from "../../diagnostics/suggest";
import type { DocPath } from "../path";
import { type CheckContext, finding, type SemanticCheck } from "./check";
import { entries, own } from "./shared/scopes";

export const accountUnknownReference: SemanticCheck = {
  code: "account/unknown-reference",
  severity: "error",
  description: "A deployment's `account` or `accounts` names a key that is not in `accounts`.",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      const references: [string, DocPath][] = [];
      if (deployment.account !== undefined) {
        references.push([deployment.account, ["deployments", index, "account"]]);
      }
      deployment.accounts?.forEach((account, position) => {
        references.push([account, ["deployments", index, "accounts", position]]);
      });
      for (const [reference, path] of references) {
        if (own(context.file.accounts, reference) !== undefined) continue;
        diagnostics.push(
          finding(
            accountUnknownReference,
            context,
            path,
            `deployment "${deployment.name}" refers to account "${reference}", which is not declared in \`accounts\``,
            hintFor(context, reference),
          ),
        );
      }
    });
    return diagnostics;
  },
};

function hintFor(context: CheckContext, reference: string): string {
  const declared = entries(context.file.accounts);
  const byAzureName = declared.find(([, account]) => account.name.toLowerCase() === reference.toLowerCase());
  if (byAzureName) {
    return `"${reference}" is the Azure name of account "${byAzureName[0]}"; refer to accounts by their key: ${byAzureName[0]}`;
  }
  const keys = declared.map(([key]) => key);
  return didYouMean(reference, keys) ?? `declared accounts: ${keys.join(", ")}`;
}
