// A stand-in for the Pulumi engine: the Engine service (logging, root resource) and the ResourceMonitor
// service a program talks to, served over real gRPC with the stubs shipped in @pulumi/pulumi. It records what
// the program asks for and answers the way the engine does, without providers: a resource's outputs are its
// inputs, and its id is made up (or the import id).
import * as grpc from "@grpc/grpc-js";
import {
  decodeProperties,
  type PropertyMap,
  type PropertyValue,
  containsSecret as propertyContainsSecret,
} from "./properties";
import {
  Empty,
  engineGrpc,
  enginePb,
  type JavaScriptValue,
  resourceGrpc,
  resourcePb,
  type Struct,
  Struct as StructClass,
} from "./proto";

/** The type of the root resource of every stack. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * Answers to `SupportsFeature` by default: what the stand-in actually honours. Features that need the engine
 * to call back into the program (transforms, hooks) or to load providers (parameterization) are declined, so
 * the SDK falls back or fails loudly instead of waiting for callbacks that never come.
 */
export const DEFAULT_FEATURES: Readonly<Record<string, boolean>> = {
  secrets: true,
  resourceReferences: true,
  outputValues: true,
  deletedWith: true,
  aliasSpecs: true,
  replaceWith: false,
  transforms: false,
  invokeTransforms: false,
  parameterization: false,
  resourceHooks: false,
  errorHooks: false,
};

export type LogSeverity = "debug" | "info" | "warning" | "error";

export interface LogEntry {
  severity: LogSeverity;
  message: string;
  /** URN of the resource the message is about, or "". */
  urn: string;
  streamId: number;
  ephemeral: boolean;
}

export interface SourcePosition {
  uri: string;
  line: number;
  column: number;
}

/** One `RegisterResource` call as the monitor received it, plus what it answered. */
export interface ResourceRegistration {
  urn: string;
  type: string;
  name: string;
  /** Parent URN, or "" (the SDK parents top-level resources to the stack itself). */
  parent: string;
  custom: boolean;
  remote: boolean;
  /** Inputs decoded from the protobuf Struct (secrets, unknowns and references as marker classes). */
  inputs: PropertyMap;
  /** Inputs exactly as `Struct.toJavaScript()` gives them. */
  wireInputs: Record<string, JavaScriptValue>;
  /** URNs of every resource this one depends on (`dependsOn` plus resources its inputs came from). */
  dependencies: string[];
  /** Input property name → URNs it depends on. */
  propertyDependencies: Record<string, string[]>;
  /** Unset when the program did not say. */
  protect: boolean | undefined;
  retainOnDelete: boolean | undefined;
  /** "" when not importing. */
  importId: string;
  deleteBeforeReplace: boolean | undefined;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  additionalSecretOutputs: string[];
  deletedWith: string;
  /** Provider reference, "" for the default provider of the package. */
  provider: string;
  /** Provider plugin version the SDK asked for. */
  version: string;
  pluginDownloadUrl: string;
  /** Number of aliases sent (structured or URN). */
  aliases: number;
  /** The URN each alias names, resolved as the engine resolves alias specs. */
  aliasUrns: string[];
  sourcePosition: SourcePosition | undefined;
  /** The id answered ("" for a resource to be created during preview, and for components). */
  id: string;
}

export interface ResourceAnswer {
  id?: string;
  /** Output properties in wire form; default: the inputs as received. */
  outputs?: Record<string, JavaScriptValue>;
}

export interface PulumiEngineOptions {
  project: string;
  stack: string;
  /** Preview (`--dry-run`): new resources get no id, like the engine answers during a preview. */
  dryRun?: boolean;
  /** Overrides of the `SupportsFeature` answers. Features not listed are declined. */
  features?: Record<string, boolean>;
  /** Customises the answer to a custom resource registration. */
  respond?: (registration: Omit<ResourceRegistration, "id">) => ResourceAnswer | undefined;
  /** Interface to bind; default 127.0.0.1 (always an ephemeral port). */
  host?: string;
}

export interface PulumiEngine {
  /** `host:port` serving both the Engine and the ResourceMonitor services. */
  readonly address: string;
  readonly port: number;
  /** Every RPC received, in order, as `Service/Method`. */
  readonly calls: string[];
  /** RPCs answered UNIMPLEMENTED, in order. */
  readonly unimplemented: string[];
  /** Features the SDK asked about, with the answer given. */
  readonly featureQueries: Map<string, boolean>;
  /** Resource registrations in the order received (the stack first). */
  readonly registrations: ResourceRegistration[];
  /** `RegisterResourceOutputs` by URN, decoded. */
  readonly outputs: Map<string, PropertyMap>;
  readonly logs: LogEntry[];
  /** Protocol violations the real engine would reject or that break the snapshot (duplicate URN, unknown dependency, ...). */
  readonly violations: string[];
  /** URN set through `SetRootResource`. */
  readonly rootResource: string | undefined;
  /** Whether the program signalled it was done (`SignalAndWaitForShutdown`). */
  readonly shutdownSignalled: boolean;
  /** The `pulumi:pulumi:Stack` registration, if any. */
  stackResource(): ResourceRegistration | undefined;
  /** Outputs registered on the stack resource. */
  stackOutputs(): PropertyMap | undefined;
  /** Custom resources (everything but components and the stack). */
  customResources(): ResourceRegistration[];
  close(): Promise<void>;
}

const severities: Record<number, LogSeverity> = {
  [enginePb.LogSeverity.DEBUG]: "debug",
  [enginePb.LogSeverity.INFO]: "info",
  [enginePb.LogSeverity.WARNING]: "warning",
  [enginePb.LogSeverity.ERROR]: "error",
};

function structToJs(struct: Struct | undefined): Record<string, JavaScriptValue> {
  return struct === undefined ? {} : struct.toJavaScript();
}

function rpcError(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });
}

/** The engine's URN rule: a child's type is qualified by its parent's, except under the root stack. */
export function makeUrn(
  stack: string,
  project: string,
  type: string,
  name: string,
  parentUrn: string,
): string {
  let qualified = type;
  if (parentUrn !== "") {
    const parentType = parentUrn.split("::")[2] ?? "";
    if (parentType !== "" && parentType !== ROOT_STACK_TYPE) qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** Starts the stand-in on an ephemeral port. */
export async function startPulumiEngine(options: PulumiEngineOptions): Promise<PulumiEngine> {
  const features = { ...DEFAULT_FEATURES, ...options.features };
  const calls: string[] = [];
  const unimplemented: string[] = [];
  const featureQueries = new Map<string, boolean>();
  const registrations: ResourceRegistration[] = [];
  const byUrn = new Map<string, ResourceRegistration>();
  const outputs = new Map<string, PropertyMap>();
  const logs: LogEntry[] = [];
  const violations: string[] = [];
  let rootResource: string | undefined;
  let shutdownSignalled = false;

  const monitor: Partial<resourceGrpc.IResourceMonitorServer> = {
    supportsFeature(call, callback) {
      calls.push("ResourceMonitor/SupportsFeature");
      const id = call.request.getId();
      const answer = features[id] === true;
      featureQueries.set(id, answer);
      callback(null, new resourcePb.SupportsFeatureResponse().setHassupport(answer));
    },
    registerResource(call, callback) {
      calls.push("ResourceMonitor/RegisterResource");
      const req = call.request;
      const type = req.getType();
      const name = req.getName();
      const parent = req.getParent();
      const urn = makeUrn(options.stack, options.project, type, name, parent);
      if (byUrn.has(urn)) {
        const message = `Duplicate resource URN '${urn}'; try giving it a unique name`;
        violations.push(message);
        callback(rpcError(grpc.status.INVALID_ARGUMENT, message));
        return;
      }
      const wireInputs = structToJs(req.getObject());
      const propertyDependencies: Record<string, string[]> = {};
      for (const [key, deps] of req.getPropertydependenciesMap().entries()) {
        propertyDependencies[key] = deps.getUrnsList();
      }
      const dependencies = req.getDependenciesList();
      if (parent !== "" && !byUrn.has(parent)) violations.push(`${urn}: parent ${parent} is not registered`);
      for (const dep of [...dependencies, ...Object.values(propertyDependencies).flat()]) {
        if (!byUrn.has(dep)) violations.push(`${urn}: depends on ${dep}, which is not registered`);
      }
      const position = req.getSourceposition();
      const registration: Omit<ResourceRegistration, "id"> = {
        urn,
        type,
        name,
        parent,
        custom: req.getCustom(),
        remote: req.getRemote(),
        inputs: decodeProperties(wireInputs),
        wireInputs,
        dependencies,
        propertyDependencies,
        protect: req.hasProtect() ? req.getProtect() : undefined,
        retainOnDelete: req.hasRetainondelete() ? req.getRetainondelete() : undefined,
        importId: req.getImportid(),
        deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
        ignoreChanges: req.getIgnorechangesList(),
        replaceOnChanges: req.getReplaceonchangesList(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        deletedWith: req.getDeletedwith(),
        provider: req.getProvider(),
        version: req.getVersion(),
        pluginDownloadUrl: req.getPlugindownloadurl(),
        aliases: req.getAliasesList().length + req.getAliasurnsList().length,
        aliasUrns: [
          ...req.getAliasurnsList(),
          ...req.getAliasesList().map((alias) => {
            const spec = alias.getSpec();
            if (spec === undefined) return alias.getUrn();
            const aliasParent = spec.getNoparent() ? "" : spec.hasParenturn() ? spec.getParenturn() : parent;
            return makeUrn(
              spec.getStack() || options.stack,
              spec.getProject() || options.project,
              spec.getType() || type,
              spec.getName() || name,
              aliasParent,
            );
          }),
        ],
        sourcePosition:
          position === undefined
            ? undefined
            : { uri: position.getUri(), line: position.getLine(), column: position.getColumn() },
      };
      const answer = registration.custom ? options.respond?.(registration) : undefined;
      let id = "";
      if (registration.custom) {
        id = answer?.id ?? (registration.importId || (options.dryRun ? "" : `stand-in-id:${type}::${name}`));
      }
      const full: ResourceRegistration = { ...registration, id };
      registrations.push(full);
      byUrn.set(urn, full);
      const response = new resourcePb.RegisterResourceResponse()
        .setUrn(urn)
        .setId(id)
        .setObject(StructClass.fromJavaScript(registration.custom ? (answer?.outputs ?? wireInputs) : {}))
        .setResult(resourcePb.Result.SUCCESS);
      callback(null, response);
    },
    registerResourceOutputs(call, callback) {
      calls.push("ResourceMonitor/RegisterResourceOutputs");
      const urn = call.request.getUrn();
      if (!byUrn.has(urn)) violations.push(`outputs registered for ${urn}, which is not registered`);
      outputs.set(urn, decodeProperties(structToJs(call.request.getOutputs())));
      callback(null, new Empty());
    },
    signalAndWaitForShutdown(_call, callback) {
      calls.push("ResourceMonitor/SignalAndWaitForShutdown");
      shutdownSignalled = true;
      callback(null, new Empty());
    },
  };

  const engine: Partial<engineGrpc.IEngineServer> = {
    log(call, callback) {
      calls.push("Engine/Log");
      const req = call.request;
      logs.push({
        severity: severities[req.getSeverity()] ?? "error",
        message: req.getMessage(),
        urn: req.getUrn(),
        streamId: req.getStreamid(),
        ephemeral: req.getEphemeral(),
      });
      callback(null, new Empty());
    },
    getRootResource(_call, callback) {
      calls.push("Engine/GetRootResource");
      callback(null, new enginePb.GetRootResourceResponse().setUrn(rootResource ?? ""));
    },
    setRootResource(call, callback) {
      calls.push("Engine/SetRootResource");
      rootResource = call.request.getUrn();
      callback(null, new enginePb.SetRootResourceResponse());
    },
    requirePulumiVersion(_call, callback) {
      calls.push("Engine/RequirePulumiVersion");
      callback(null, new enginePb.RequirePulumiVersionResponse());
    },
  };

  const server = new grpc.Server();
  server.addService(
    resourceGrpc.ResourceMonitorService,
    withUnimplemented("ResourceMonitor", resourceGrpc.ResourceMonitorService, monitor, calls, unimplemented),
  );
  server.addService(
    engineGrpc.EngineService,
    withUnimplemented("Engine", engineGrpc.EngineService, engine, calls, unimplemented),
  );
  const host = options.host ?? "127.0.0.1";
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:0`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });

  let closed: Promise<void> | undefined;
  return {
    address: `${host}:${port}`,
    port,
    calls,
    unimplemented,
    featureQueries,
    registrations,
    outputs,
    logs,
    violations,
    get rootResource() {
      return rootResource;
    },
    get shutdownSignalled() {
      return shutdownSignalled;
    },
    stackResource: () => registrations.find((r) => r.type === ROOT_STACK_TYPE && r.parent === ""),
    stackOutputs() {
      const stack = registrations.find((r) => r.type === ROOT_STACK_TYPE && r.parent === "");
      return stack === undefined ? undefined : outputs.get(stack.urn);
    },
    customResources: () => registrations.filter((r) => r.custom),
    close() {
      closed ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.forceShutdown(), 2_000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return closed;
    },
  };
}

/** Completes an implementation: methods not given record the call and answer UNIMPLEMENTED. */
function withUnimplemented<T extends grpc.UntypedServiceImplementation>(
  service: string,
  definition: grpc.ServiceDefinition,
  implemented: Partial<T>,
  calls: string[],
  unimplemented: string[],
): grpc.UntypedServiceImplementation {
  const result: grpc.UntypedServiceImplementation = {};
  for (const [key, method] of Object.entries(definition)) {
    const given = implemented[key as keyof T];
    if (given !== undefined) {
      result[key] = given as grpc.UntypedHandleCall;
      continue;
    }
    const methodName = method.originalName ?? key;
    const label = `${service}/${methodName.charAt(0).toUpperCase()}${methodName.slice(1)}`;
    const handler: grpc.handleUnaryCall<unknown, unknown> = (_call, callback) => {
      calls.push(label);
      unimplemented.push(label);
      callback(rpcError(grpc.status.UNIMPLEMENTED, `${label} is not implemented by the stand-in engine`));
    };
    result[key] = handler;
  }
  return result;
}

/** True when any value of the map is or holds a secret. */
export function containsSecret(map: PropertyMap | undefined): boolean {
  return map !== undefined && Object.values(map).some((v: PropertyValue) => propertyContainsSecret(v));
}
