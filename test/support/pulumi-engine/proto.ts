// The gRPC stubs and protobuf classes shipped in @pulumi/pulumi, loaded so that every message we build is an
// instance of the very classes the stubs' serializers check with `instanceof`.
import { createRequire } from "node:module";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";

export * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
export * as enginePb from "@pulumi/pulumi/proto/engine_pb";
export * as providerPb from "@pulumi/pulumi/proto/provider_pb";
export * as resourceGrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
export * as resourcePb from "@pulumi/pulumi/proto/resource_pb";

// @pulumi/pulumi carries its own google-protobuf; the well-known types must come from that copy.
const requireBesideStubs = createRequire(require.resolve("@pulumi/pulumi/proto/resource_pb"));

export const { Struct, Value } = requireBesideStubs(
  "google-protobuf/google/protobuf/struct_pb",
) as typeof structPb;
export const { Empty } = requireBesideStubs("google-protobuf/google/protobuf/empty_pb") as typeof emptyPb;

export type Struct = structPb.Struct;
export type JavaScriptValue = structPb.JavaScriptValue;
