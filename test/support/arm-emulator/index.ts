/** A local ARM emulator for tests: see emulator.ts for the API and seed.ts for the reference data. */

export type { PayloadOptions } from "./catalog-payloads";
export { armCatalogPayload } from "./catalog-payloads";
export type { ContentFilterVariant } from "./content-filters";
export {
  actionStates,
  contentFilterVariants,
  harmStates,
  seedContentFilterVariants,
} from "./content-filters";
export type {
  AccountSeed,
  ArmEmulatorOptions,
  BlocklistSeed,
  DeploymentSeed,
  PolicyAssignmentSeed,
  PolicyDefinitionSeed,
} from "./emulator";
export { ArmEmulator, defaultSubscriptionId, startArmEmulator } from "./emulator";
export type { FaultSpec, OperationFaultSpec, RequestSelector } from "./faults";
export type { ReferenceExamples, ReferenceSeed, ReferenceSeedOptions } from "./seed";
export {
  armExamplesDir,
  azurePolicyDir,
  loadReferenceExamples,
  seedFromReference,
  seedPolicyReference,
} from "./seed";
export type { RecordedRequest } from "./server";
export type { EmulatorSettings } from "./services";
export type * from "./types";
