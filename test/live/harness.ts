import type { CognitiveServicesManagementClient } from "@azure/arm-cognitiveservices";
import type { PolicyClient } from "@azure/arm-policy";
import { afterEach, beforeEach } from "vitest";
import {
  type ArmConnection,
  createCognitiveServicesClient,
  createPolicyClient,
  type RetrySettings,
  resolveConnection,
} from "../../live/connection";
import { type ArmEmulator, type ArmEmulatorOptions, startArmEmulator } from "../support/arm-emulator";

/** Retries as in production, with delays small enough for tests. */
export const fastRetry: RetrySettings = {
  maxRetries: 3,
  retryDelayInMs: 1,
  maxRetryDelayInMs: 5,
  maxRetryAfterInMs: 5_000,
};

/** Poll long-running operations without waiting between polls. */
export const noPollDelay = { updateIntervalInMs: 0 } as const;

export interface Harness {
  emulator: ArmEmulator;
  connection: ArmConnection;
  client: CognitiveServicesManagementClient;
  policyClient: PolicyClient;
}

export async function startHarness(options: ArmEmulatorOptions = {}): Promise<Harness> {
  const emulator = await startArmEmulator(options);
  const connection = resolveConnection({
    armEndpoint: emulator.baseUrl,
    subscriptionId: emulator.subscriptionId,
    env: {},
    retry: fastRetry,
  });
  return {
    emulator,
    connection,
    client: createCognitiveServicesClient(connection),
    policyClient: createPolicyClient(connection),
  };
}

/** A fresh emulator and clients for every test of the enclosing describe block, stopped afterwards. */
export function useHarness(options: ArmEmulatorOptions = {}): Harness {
  const harness = {} as Harness;
  beforeEach(async () => {
    Object.assign(harness, await startHarness(options));
  });
  afterEach(async () => {
    await harness.emulator?.stop();
  });
  return harness;
}
