// The Pulumi program: every resource of deployments.yaml, as one component. Add the rest of your
// infrastructure here; `estate.resources` holds the component's resources by their logical name.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { AiDeployments } = require("aideploy");

const config = new pulumi.Config("aideploy");
const estate = new AiDeployments("aideploy", {
  file: config.get("file") ?? "deployments.yaml",
  // Default: the environment named like the stack (dev, prod), when the file has one.
  environment: config.get("environment"),
});

exports.environment = estate.environment;
exports.accounts = estate.accounts;
