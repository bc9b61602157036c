import { SUBSCRIPTION_RAI_POLICY } from "../subscription-rai-policy";
import { finding, type SemanticCheck } from "./check";

const { apiVersion } = SUBSCRIPTION_RAI_POLICY.apiVersion;

/** Said once, at the key: the only way the project can write this resource is at a preview api-version. */
export const subscriptionRaiPolicyPreviewApi: SemanticCheck = {
  code: "subscription-rai-policy/preview-api",
  severity: "warning",
  description: `The subscription RAI policy is written at the preview api-version ${apiVersion}: azure-native's typed SubscriptionRaiPolicy is the only resource that can write it (the generic resource needs a resource group), and no Microsoft document says what Azure does with it.`,
  run(context) {
    if (context.file.subscriptionRaiPolicy === undefined) return [];
    return [
      finding(
        subscriptionRaiPolicyPreviewApi,
        context,
        ["subscriptionRaiPolicy"],
        `the subscription RAI policy is written at the preview api-version ${apiVersion}, the only one azure-native's SubscriptionRaiPolicy writes (a preview version may change or be retired); no Microsoft document says whether Azure applies it to the subscription's accounts or deployments, so it is not counted as filtering any deployment`,
        "keep a content filter on each deployment for what must be enforced; treat this policy as a declared baseline",
        { key: true },
      ),
    ];
  },
};
