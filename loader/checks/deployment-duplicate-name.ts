import type { Diagnostic } from "../../diagnostics/diagnostic";
import { deploymentAccountKeys } from "../resolve";
import { finding, type SemanticCheck } from "./check";
import { accountsText, lineOf } from "./shared/scopes";

/** Inference routes by deployment name ignoring case, so two names that differ only in case collide. */
export const deploymentDuplicateName: SemanticCheck = {
  code: "deployment/duplicate-name",
  severity: "error",
  description:
    "Two deployments on the same account have the same name, ignoring case (routing by name ignores case).",
  run(context) {
    const firstByAccount = new Map<string, Map<string, number>>();
    const diagnostics: Diagnostic[] = [];
    context.file.deployments.forEach((deployment, index) => {
      const name = deployment.name.toLowerCase();
      const clashes: { account: string; first: number }[] = [];
      for (const account of new Set(deploymentAccountKeys(deployment, context.file))) {
        let firstByName = firstByAccount.get(account);
        if (!firstByName) {
          firstByName = new Map();
          firstByAccount.set(account, firstByName);
        }
        const first = firstByName.get(name);
        if (first === undefined) firstByName.set(name, index);
        else clashes.push({ account, first });
      }
      const clash = clashes[0];
      if (clash === undefined) return;
      const other = context.file.deployments[clash.first]?.name ?? "";
      const accounts = accountsText(clashes.map((c) => c.account));
      const same = other === deployment.name ? "" : ` (as "${other}")`;
      diagnostics.push(
        finding(
          deploymentDuplicateName,
          context,
          ["deployments", index, "name"],
          `deployment name "${deployment.name}" is already used${same} on ${accounts} by deployments[${clash.first}] at line ${lineOf(context, ["deployments", clash.first, "name"])}`,
          "rename one of the two; clients route to deployments by name, ignoring case",
        ),
      );
    });
    return diagnostics;
  },
};
