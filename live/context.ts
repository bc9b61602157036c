/**
 * What every live use case takes besides its own input, in one object passed the same way to each: where
 * it runs (environment variables, working directory, where progress goes), the connection settings of
 * the command line, and what tests replace (credential, clock, retry delays and sleep). The CLI builds it
 * from a command's flags; nothing here does work.
 */
import type { TokenCredential } from "@azure/identity";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ConflictRetryOptions, Env, RetrySettings } from "./connection";

export interface LiveContext {
  /** Environment variables: AZURE_SUBSCRIPTION_ID, AIDEPLOY_ARM_ENDPOINT, CI, Azure DevOps' connection. */
  env: Env;
  /** The directory the paths a user names are relative to. */
  cwd: string;
  /** `--arm-endpoint`: wins over AIDEPLOY_ARM_ENDPOINT. */
  armEndpoint?: string | undefined;
  /** `--subscription`: wins over the file and AZURE_SUBSCRIPTION_ID. */
  subscriptionId?: string | undefined;
  /** Where progress goes (stderr) and whether it is a terminal; without it nothing is shown. */
  progress?: { write: (text: string) => void; isTTY: boolean } | undefined;
  /** The clock for retirement checks and generated timestamps. */
  now?: () => Date;
  /** A credential instead of the default chain (never used for a loopback endpoint). */
  credential?: TokenCredential;
  /** Retries of throttled and failed requests in the SDK pipeline. */
  retry?: Partial<RetrySettings>;
  /** Retries of 409 RequestConflict around each read (delays, and the sleep that waits them). */
  conflictRetry?: Omit<ConflictRetryOptions, "onRetry">;
  /** Progress re-render period (0: no timer). */
  progressIntervalInMs?: number;
}

/** What a live use case gives back: its result, and the findings to show with it. */
export interface LiveOutcome<T> {
  result: T;
  diagnostics: Diagnostic[];
}

/** A file a use case decided on, for the command to write whole (or, for `text: null`, to remove). */
export interface FileChange {
  path: string;
  text: string | null;
}
