// A stand-in for the engine side a policy pack may call back: the Engine service's Log (and the root
// resource calls), on 127.0.0.1. `pulumi` hands its address to every analyzer plugin as the first argument.
import * as grpc from "@grpc/grpc-js";
import { Empty, engineGrpc, enginePb } from "./proto";

export interface EngineLog {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn: string;
}

export interface StandInEngine {
  address: string;
  logs: EngineLog[];
  close(): Promise<void>;
}

const severities: Record<number, EngineLog["severity"]> = {
  [enginePb.LogSeverity.DEBUG]: "debug",
  [enginePb.LogSeverity.INFO]: "info",
  [enginePb.LogSeverity.WARNING]: "warning",
  [enginePb.LogSeverity.ERROR]: "error",
};

export async function startEngine(): Promise<StandInEngine> {
  const logs: EngineLog[] = [];
  let root = "";
  const implementation: Partial<engineGrpc.IEngineServer> = {
    log(call, callback) {
      logs.push({
        severity: severities[call.request.getSeverity()] ?? "error",
        message: call.request.getMessage(),
        urn: call.request.getUrn(),
      });
      callback(null, new Empty());
    },
    getRootResource(_call, callback) {
      callback(null, new enginePb.GetRootResourceResponse().setUrn(root));
    },
    setRootResource(call, callback) {
      root = call.request.getUrn();
      callback(null, new enginePb.SetRootResourceResponse());
    },
  };
  const server = new grpc.Server();
  server.addService(engineGrpc.EngineService, implementation as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  let closed: Promise<void> | undefined;
  return {
    address: `127.0.0.1:${port}`,
    logs,
    close() {
      closed ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2_000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return closed;
    },
  };
}
