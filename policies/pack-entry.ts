// Entry point of the CrossGuard pack: constructing a PolicyPack starts its gRPC analyzer server.
import { PolicyPack } from "@pulumi/policy";
import { packPolicies } from "./pack";

new PolicyPack("aideploy", {
  description: "Azure Policy rules for Azure AI services deployments, checked before anything is deployed.",
  policies: packPolicies(),
});
