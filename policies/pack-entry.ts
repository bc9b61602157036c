// Entry point of the CrossGuard pack: constructing a PolicyPack starts its gRPC analyzer server.
import * as path from "node:path";
import { PolicyPack } from "@pulumi/policy";
import { loadAzurePolicies } from "./azure-policies";
import { azurePackPolicies, packPolicies } from "./pack";

// Users' Azure Policy: policies/azure/ beside the pack (the project's, as the CLI reads it), or the
// directory AIDEPLOY_AZURE_POLICIES names. CrossGuard asks for the list of policies before it sends the
// pack's configuration, so the directory cannot come from --policy-pack-config.
const azureDir = process.env.AIDEPLOY_AZURE_POLICIES || path.join(__dirname, "azure");
const azure = loadAzurePolicies(azureDir);

new PolicyPack("aideploy", {
  description: "Azure Policy rules for Azure AI services deployments, checked before anything is deployed.",
  policies: [...packPolicies(), ...azurePackPolicies(azure.units, azure.diagnostics)],
});
