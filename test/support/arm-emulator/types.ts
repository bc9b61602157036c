/** ARM JSON shapes the emulator stores and serves. Unknown keys are kept, so seeded payloads round-trip. */

export type JsonObject = { [key: string]: unknown };

export interface ArmErrorBody {
  code: string;
  message: string;
  details?: ArmErrorBody[];
}

/** Identifies an account; names compare case-insensitively, as in ARM. */
export interface AccountRef {
  subscriptionId: string;
  resourceGroup: string;
  accountName: string;
}

export interface ArmResource extends JsonObject {
  id: string;
  name: string;
  type: string;
}

export interface DeploymentSku {
  name: string;
  capacity?: number;
}

export interface DeploymentModel extends JsonObject {
  format?: string;
  name?: string;
  version?: string;
}

export interface DeploymentResource extends ArmResource {
  sku: DeploymentSku;
  properties: JsonObject & { model: DeploymentModel; provisioningState: string };
  tags?: Record<string, string>;
}

export interface CatalogSkuCapacity {
  minimum?: number;
  maximum?: number;
  step?: number;
  default?: number;
}

export interface CatalogSku extends JsonObject {
  name: string;
  usageName?: string;
  capacity?: CatalogSkuCapacity;
  deprecationDate?: string;
}

export interface CatalogModel extends JsonObject {
  format: string;
  name: string;
  version: string;
  publisher?: string;
  isDefaultVersion?: boolean;
  lifecycleStatus?: string;
  deprecation?: { inference?: string; fineTune?: string };
  replacementConfig?: { targetModelName?: string; targetModelVersion?: string };
  skus?: CatalogSku[];
  capabilities?: Record<string, string>;
}

/** One entry of `GET .../locations/{l}/models`. */
export interface CatalogEntry extends JsonObject {
  kind?: string;
  skuName?: string;
  model: CatalogModel;
}

/** One entry of a usages list (location or account). */
export interface UsageEntry extends JsonObject {
  name: { value: string; localizedValue?: string };
  currentValue: number;
  limit: number;
  unit?: string;
}

/** Explicit available capacity served by `modelCapacities`. */
export interface ModelCapacitySeed {
  location: string;
  format: string;
  name: string;
  version: string;
  skuName: string;
  availableCapacity: number;
  availableFinetuneCapacity?: number;
}
