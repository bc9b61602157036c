/**
 * What one live use case holds while it talks to Azure: the endpoint, a connection and clients per
 * subscription, bounded retries (throttling and 5xx in the SDK pipeline, 409 RequestConflict around each
 * read) and one progress line on a terminal. Opened from a LiveContext; nothing happens at import.
 */
import type { CognitiveServicesManagementClient } from "@azure/arm-cognitiveservices";
import type { PolicyClient } from "@azure/arm-policy";
import {
  type ArmConnection,
  type ArmTarget,
  createCognitiveServicesClient,
  createPolicyClient,
  resolveArmTarget,
  resolveConnection,
  withConflictRetry,
} from "./connection";
import type { LiveContext } from "./context";
import { createProgressReporter, formatElapsed, type ProgressTask } from "./progress";

export class LiveSession {
  private readonly connections = new Map<string, ArmConnection>();
  private readonly cognitiveClients = new Map<string, CognitiveServicesManagementClient>();
  private readonly policyClients = new Map<string, PolicyClient>();
  private task: ProgressTask | undefined;
  private title = "";
  readonly target: ArmTarget;

  /** Throws LiveConfigError when the endpoint is unusable. */
  constructor(private readonly options: LiveContext) {
    this.target = resolveArmTarget({ armEndpoint: options.armEndpoint, env: options.env });
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The connection for a subscription named by the file (or none); throws LiveConfigError. */
  connection(fileSubscriptionId?: string): ArmConnection {
    const options: Parameters<typeof resolveConnection>[0] = { env: this.options.env };
    if (this.options.armEndpoint !== undefined) options.armEndpoint = this.options.armEndpoint;
    if (this.options.subscriptionId !== undefined) options.subscriptionId = this.options.subscriptionId;
    if (fileSubscriptionId !== undefined) options.fileSubscriptionId = fileSubscriptionId;
    if (this.options.retry !== undefined) options.retry = this.options.retry;
    if (this.options.credential !== undefined) options.credential = this.options.credential;
    const resolved = resolveConnection(options);
    const key = resolved.subscriptionId.toLowerCase();
    const cached = this.connections.get(key);
    if (cached) return cached;
    this.connections.set(key, resolved);
    return resolved;
  }

  cognitive(connection: ArmConnection): CognitiveServicesManagementClient {
    const key = connection.subscriptionId.toLowerCase();
    let client = this.cognitiveClients.get(key);
    if (!client) {
      client = createCognitiveServicesClient(connection);
      this.cognitiveClients.set(key, client);
    }
    return client;
  }

  policy(connection: ArmConnection): PolicyClient {
    const key = connection.subscriptionId.toLowerCase();
    let client = this.policyClients.get(key);
    if (!client) {
      client = createPolicyClient(connection);
      this.policyClients.set(key, client);
    }
    return client;
  }

  /** Runs a command's live work under one progress line (terminal only, never in CI). */
  async run<T>(title: string, work: () => Promise<T>): Promise<T> {
    const reporter = createProgressReporter({
      write: this.options.progress?.write ?? (() => {}),
      isTTY: this.options.progress?.isTTY ?? false,
      env: this.options.env,
      ...(this.options.progressIntervalInMs === undefined
        ? {}
        : { intervalInMs: this.options.progressIntervalInMs }),
    });
    this.title = title;
    this.task = reporter.start(title);
    try {
      const result = await work();
      this.task.succeed();
      return result;
    } catch (error) {
      this.task.fail();
      throw error;
    } finally {
      this.task = undefined;
    }
  }

  /** One read, retried while Azure answers 409 RequestConflict (the SDK never retries 409). */
  read<T>(label: string, operation: () => Promise<T>): Promise<T> {
    this.task?.update(`${this.title}: ${label}`);
    return withConflictRetry(() => operation(), {
      ...this.options.conflictRetry,
      onRetry: ({ delayInMs }) =>
        this.task?.update(`${this.title}: ${label} (Azure busy, retrying in ${formatElapsed(delayInMs)})`),
    });
  }
}
