import type { Diagnostic } from "../../diagnostics/diagnostic";
import { finding, type SemanticCheck } from "./check";

/**
 * A reservation's scope and its resource group go together: `scope: resourceGroup` covers the accounts
 * of `resourceGroup`, and a resource group under another scope would be ignored. Either mistake makes
 * the cost estimate count the wrong PTUs as reserved.
 */
export const reservationScope: SemanticCheck = {
  code: "reservation/scope",
  severity: "error",
  description:
    "A reservation scoped to a resource group names none, or names one under another scope, so the cost estimate cannot tell which PTUs it covers.",
  run(context) {
    const diagnostics: Diagnostic[] = [];
    (context.file.reservations ?? []).forEach((reservation, index) => {
      const scoped = reservation.scope === "resourceGroup";
      if (scoped && reservation.resourceGroup === undefined) {
        diagnostics.push(
          finding(
            reservationScope,
            context,
            ["reservations", index, "scope"],
            `reservation ${index + 1} (${reservation.deploymentType} in ${reservation.region}) is scoped to a resource group but names none`,
            "add `resourceGroup: <name>` with the resource group the reservation is scoped to, or set `scope: shared`",
          ),
        );
      } else if (!scoped && reservation.resourceGroup !== undefined) {
        diagnostics.push(
          finding(
            reservationScope,
            context,
            ["reservations", index, "resourceGroup"],
            `reservation ${index + 1} (${reservation.deploymentType} in ${reservation.region}) names resource group "${reservation.resourceGroup}" but its scope is ${reservation.scope ?? "shared"}`,
            "set `scope: resourceGroup` to cover only that resource group's accounts, or remove `resourceGroup`",
          ),
        );
      }
    });
    return diagnostics;
  },
};
