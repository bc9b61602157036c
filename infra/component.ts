// The estate of a deployments file as one Pulumi component, for programs that also hold other infrastructure.
import * as pulumi from "@pulumi/pulumi";
import {
  DEPLOYMENT_REPRESENTATION,
  type DeploymentRepresentation,
  unwritableByTyped,
} from "./deployment-resource";
import { instantiateGraph } from "./instantiate";
import type { AccountOutput } from "./outputs";
import { missingSecrets, stackConfigSecret } from "./secrets";
import { planStack } from "./stack";

/** The component's type token (`<package>:<module>:<type>`), part of every child's URN. */
export const AI_DEPLOYMENTS_TYPE = "aideploy:index:AiDeployments";

export interface AiDeploymentsArgs {
  /** The deployments file, relative to `projectDir`; default `deployments.yaml`. */
  file?: string | undefined;
  /**
   * The environment of the file whose overrides apply; default: the environment named like the stack, when
   * the file has one, else the file as written (with a warning).
   */
  environment?: string | undefined;
  /** Folder `file` is relative to; default: the program's working directory (the Pulumi project). */
  projectDir?: string | undefined;
  /**
   * How deployments and content filters are written (infra/deployment-resource.ts): `generic` (default),
   * azure-native's `resources:Resource` at api-version 2026-09-01; `typed`, its `cognitiveservices:Deployment`
   * and `cognitiveservices:RaiPolicy` at 2025-06-01, as stacks were written before, which cannot say
   * `serviceTier`, `state`, `routing`, `modelProviderData` or a content filter's `humanReview`/`retry` (a
   * file that sets them fails). Either way a stack moves between the two without a replace.
   */
  deploymentResource?: DeploymentRepresentation | undefined;
}

/**
 * Every resource of a deployments file (accounts, content filters, blocklists, deployments), registered as
 * children of this component in an order Azure accepts.
 *
 * Children keep the logical names `aideploy plan` shows, so a stack that registered them at the top level
 * (aideploy's own program before it used this component) sees no replace: each child carries an alias to
 * its former URN under the stack. The names are not prefixed with the component's name, so one stack holds
 * one `AiDeployments` per set of account keys.
 */
export class AiDeployments extends pulumi.ComponentResource {
  /** The environment whose overrides were applied, or null for the file as written. */
  readonly environment: pulumi.Output<string | null>;
  /** Per account key: name, resource group, endpoints and routing table (deployment name → model). */
  readonly accounts: pulumi.Output<Record<string, AccountOutput>>;
  /** The children by their logical name (for `dependsOn` from other resources of the program). */
  readonly resources: ReadonlyMap<string, pulumi.CustomResource>;

  constructor(name: string, args: AiDeploymentsArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
    super(AI_DEPLOYMENTS_TYPE, name, {}, opts);
    const planned = planStack({
      environment: args.environment,
      file: args.file,
      stackName: pulumi.getStack(),
      projectDir: args.projectDir ?? process.cwd(),
    });
    if (!planned.ok) {
      for (const line of planned.errors) pulumi.log.error(line);
      throw new pulumi.RunError("deployments file has errors; run `npx aideploy validate` for details");
    }
    for (const warning of planned.warnings) pulumi.log.warn(warning);
    const representation = args.deploymentResource ?? DEPLOYMENT_REPRESENTATION;
    const unsaid = representation === "typed" ? unwritableByTyped(planned.plan.graph) : [];
    if (unsaid.length > 0) {
      for (const line of unsaid) pulumi.log.error(line);
      throw new pulumi.RunError("deployments file needs the generic resource");
    }
    const unset = missingSecrets(planned.plan.graph, stackConfigSecret);
    if (unset.length > 0) {
      for (const line of unset) pulumi.log.error(line);
      throw new pulumi.RunError(
        "a secret the deployments file names is not set in the stack's configuration",
      );
    }
    this.resources = instantiateGraph(
      planned.plan.graph,
      { parent: this, aliases: [{ parent: pulumi.rootStackResource }] },
      representation,
    );
    const { outputs } = planned.plan;
    this.environment = pulumi.output(outputs.environment);
    this.accounts = pulumi.output(outputs.accounts);
    this.registerOutputs({ environment: this.environment, accounts: this.accounts });
  }
}
