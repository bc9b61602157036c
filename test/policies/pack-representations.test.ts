// The CrossGuard pack judges a deployment the same whether Pulumi is given it as azure-native's generic
// `resources:Resource` (api-version 2026-09-01, what the program registers) or as the typed
// `cognitiveservices:Deployment` (2025-06-01, what stacks registered before): same ARM view, same verdicts,
// the data-plane policies joining each deployment to its content filter on the same account.
import type {
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { type DeploymentRepresentation, nodeRegistration } from "../../infra/deployment-resource";
import { ArmTypes, armTypeOf, toArmView } from "../../policies/arm-view";
import { packPolicies } from "../../policies/pack";
import { estateText, planText } from "../support/plan";

const plan = planText(estateText(), "prod");

function resourcesAs(representation: DeploymentRepresentation): PolicyResource[] {
  return plan.graph.nodes.map((node) => {
    const { type, inputs } = nodeRegistration(node, representation);
    return {
      type,
      name: node.name,
      urn: `urn:pulumi:prod::aideploy::${type}::${node.name}`,
      props: JSON.parse(JSON.stringify(inputs)) as Record<string, unknown>,
      opts: { protect: true },
    } as unknown as PolicyResource;
  });
}

/** Every violation the pack reports, as `policy | resource name | message`. */
async function violations(resources: PolicyResource[]): Promise<string[]> {
  const found: string[] = [];
  // Only OpenAI models are allowed: the estate's other publishers (and their data-plane views) violate.
  const config = () => ({ allowedModels: ["OpenAI/*/*"], allowedPublishers: ["OpenAI"] });
  const nameOf = (urn: string | undefined) => resources.find((r) => r.urn === urn)?.name ?? "";
  for (const policy of packPolicies()) {
    if ("validateResource" in policy) {
      const validate = (policy as ResourceValidationPolicy).validateResource as (
        args: ResourceValidationArgs,
        report: (message: string) => void,
      ) => void;
      for (const resource of resources) {
        await validate({ ...resource, getConfig: config } as unknown as ResourceValidationArgs, (message) =>
          found.push(`${policy.name} | ${resource.name} | ${message}`),
        );
      }
    } else {
      const validate = (policy as StackValidationPolicy).validateStack as (
        args: StackValidationArgs,
        report: (message: string, urn?: string) => void,
      ) => void;
      await validate({ resources, getConfig: config } as unknown as StackValidationArgs, (message, urn) =>
        found.push(`${policy.name} | ${nameOf(urn)} | ${message}`),
      );
    }
  }
  return found.sort();
}

describe("the policy pack reads deployments and content filters in either representation", () => {
  it("gives each deployment and content filter the same ARM type and view", () => {
    const generic = resourcesAs("generic");
    const typed = resourcesAs("typed");
    const deployments = generic.filter((r) => r.type === "azure-native:resources:Resource");
    expect(deployments.filter((r) => r.name.includes("/deployment/")).length).toBeGreaterThan(0);
    expect(deployments.filter((r) => r.name.includes("/content-filter/")).length).toBeGreaterThan(0);
    for (const resource of deployments) {
      const before = typed.find((r) => r.name === resource.name);
      expect(armTypeOf(resource.type, resource.props)).toBe(
        resource.name.includes("/content-filter/") ? ArmTypes.raiPolicy : ArmTypes.deployment,
      );
      expect(toArmView(resource.type, resource.props), resource.name).toEqual(
        toArmView(before?.type ?? "", before?.props ?? {}),
      );
    }
  });

  it("reports the same violations, on the same resources", async () => {
    const generic = await violations(resourcesAs("generic"));
    expect(generic.length).toBeGreaterThan(0);
    expect(generic.some((v) => v.includes("/deployment/"))).toBe(true);
    expect(generic).toEqual(await violations(resourcesAs("typed")));
  });

  it("a generic resource of another provider or type is not taken for a deployment", () => {
    expect(
      armTypeOf("azure-native:resources:Resource", { resourceProviderNamespace: "Microsoft.Storage" }),
    ).toBe(undefined);
    expect(
      armTypeOf("azure-native:resources:Resource", {
        resourceProviderNamespace: "Microsoft.CognitiveServices",
        resourceType: "deployments",
        parentResourcePath: "accounts/a/projects/p",
      }),
    ).toBe(undefined);
  });
});
