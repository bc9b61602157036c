// Pulumi's property encoding on the wire (a protobuf Struct with "special signature" objects for secrets,
// unknowns, resource references and output values), decoded into values a test can compare.

/** The string Pulumi sends for a value not known yet (preview). */
export const UNKNOWN_WIRE_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

/** A value not known at preview. */
export const Unknown: unique symbol = Symbol("pulumi.unknown");

export class SecretValue {
  constructor(readonly value: PropertyValue) {}
}

export class ResourceReference {
  constructor(
    readonly urn: string,
    readonly id: PropertyValue | undefined,
    readonly packageVersion: string | undefined,
  ) {}
}

export class OutputValue {
  constructor(
    readonly value: PropertyValue | undefined,
    readonly known: boolean,
    readonly secret: boolean,
    readonly dependencies: string[],
  ) {}
}

/** An asset or archive, kept as sent. */
export class AssetValue {
  constructor(readonly raw: Record<string, unknown>) {}
}

export type PropertyValue =
  | null
  | boolean
  | number
  | string
  | typeof Unknown
  | SecretValue
  | ResourceReference
  | OutputValue
  | AssetValue
  | PropertyValue[]
  | { [key: string]: PropertyValue };

export type PropertyMap = { [key: string]: PropertyValue };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Decodes one wire value (as `Struct.toJavaScript()` gives it). */
export function decodeProperty(value: unknown): PropertyValue {
  if (value === UNKNOWN_WIRE_VALUE) return Unknown;
  if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string")
    return value;
  if (Array.isArray(value)) return value.map(decodeProperty);
  if (!isRecord(value)) throw new Error(`not a protobuf Struct value: ${String(value)}`);
  switch (value[SIG_KEY]) {
    case undefined:
      return decodeProperties(value);
    case SECRET_SIG:
      return new SecretValue(decodeProperty(value.value ?? null));
    case RESOURCE_SIG:
      return new ResourceReference(
        String(value.urn),
        value.id === undefined ? undefined : decodeProperty(value.id),
        typeof value.packageVersion === "string" ? value.packageVersion : undefined,
      );
    case OUTPUT_SIG:
      return new OutputValue(
        value.value === undefined ? undefined : decodeProperty(value.value),
        value.value !== undefined,
        value.secret === true,
        Array.isArray(value.dependencies) ? value.dependencies.map(String) : [],
      );
    case ASSET_SIG:
    case ARCHIVE_SIG:
      return new AssetValue(value);
    default:
      throw new Error(`unknown Pulumi value signature ${String(value[SIG_KEY])}`);
  }
}

export function decodeProperties(map: Record<string, unknown>): PropertyMap {
  const result: PropertyMap = {};
  for (const [key, value] of Object.entries(map)) result[key] = decodeProperty(value);
  return result;
}

/** True when the value holds a secret anywhere. */
export function containsSecret(value: PropertyValue | undefined): boolean {
  if (value instanceof SecretValue) return true;
  if (value instanceof OutputValue) return value.secret || containsSecret(value.value);
  if (Array.isArray(value)) return value.some(containsSecret);
  if (isRecord(value) && !(value instanceof ResourceReference) && !(value instanceof AssetValue))
    return Object.values(value).some((v) => containsSecret(v as PropertyValue));
  return false;
}

/** True when the value holds an unknown anywhere. */
export function containsUnknown(value: PropertyValue | undefined): boolean {
  if (value === Unknown) return true;
  if (value instanceof SecretValue) return containsUnknown(value.value);
  if (value instanceof OutputValue) return !value.known || containsUnknown(value.value);
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isRecord(value) && !(value instanceof ResourceReference) && !(value instanceof AssetValue))
    return Object.values(value).some((v) => containsUnknown(v as PropertyValue));
  return false;
}
