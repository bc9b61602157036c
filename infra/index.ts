// The Pulumi program (Pulumi.yaml `main`): the deployments file named by the stack's config, as one component.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { AiDeployments } from "./component";

const config = new pulumi.Config("aideploy");
const estate = new AiDeployments("aideploy", {
  file: config.get("file"),
  environment: config.get("environment"),
  projectDir: path.resolve(__dirname, ".."),
});

export const environment = estate.environment;
export const accounts = estate.accounts;
