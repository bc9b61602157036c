// The Analyzer and Engine gRPC stubs and messages shipped in @pulumi/pulumi: the ones the pack serves with and
// the engine drives it with.
import { createRequire } from "node:module";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";

export * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
export * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
export * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
export * as enginePb from "@pulumi/pulumi/proto/engine_pb";
export * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";

// The stubs' serializers check messages with `instanceof` against @pulumi/pulumi's own google-protobuf.
const besideStubs = createRequire(require.resolve("@pulumi/pulumi/proto/analyzer_pb"));

export const { Struct } = besideStubs("google-protobuf/google/protobuf/struct_pb") as typeof structPb;
export const { Empty } = besideStubs("google-protobuf/google/protobuf/empty_pb") as typeof emptyPb;

export type Struct = structPb.Struct;
export type JavaScriptValue = structPb.JavaScriptValue;
