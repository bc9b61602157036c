// The Pulumi program (Pulumi.yaml `main`): reads deployments.yaml, builds the resource graph, registers it.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { instantiateGraph } from "./instantiate";
import { planStack } from "./stack";

const config = new pulumi.Config("aideploy");
const planned = planStack({
  environment: config.get("environment"),
  file: config.get("file"),
  stackName: pulumi.getStack(),
  projectDir: path.resolve(__dirname, ".."),
});

if (!planned.ok) {
  for (const line of planned.errors) pulumi.log.error(line);
  throw new pulumi.RunError("deployments file has errors; run `npx aideploy validate` for details");
}
for (const warning of planned.warnings) pulumi.log.warn(warning);
instantiateGraph(planned.plan.graph);

export const environment = planned.plan.outputs.environment;
export const accounts = planned.plan.outputs.accounts;
