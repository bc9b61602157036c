import type { FlagRule } from "./rule";

export const newAccount: FlagRule = {
  id: "new-account",
  description: "an account enters the estate, or an account is replaced by another Azure account",
  appliesTo: (pair) => pair.kind === "account" && (pair.action === "add" || pair.action === "replace"),
};
