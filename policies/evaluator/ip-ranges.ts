/**
 * IP ranges for `ipRangeContains` (policy rules) and the CIDR functions `parseCidr`, `cidrSubnet`,
 * `cidrHost` (ARM templates), IPv4 and IPv6 alike. Sources (MicrosoftDocs/azure-docs):
 * - articles/governance/policy/concepts/definition-structure-policy-rule.md (ms.date 03/19/2025):
 *   ipRangeContains takes a single address, a CIDR range or a `start-end` range; "Empty ranges, or
 *   mixing between IP families isn't allowed and results in evaluation failure."
 * - articles/azure-resource-manager/templates/template-functions-cidr.md (ms.date 07/14/2023).
 */
import ipaddr from "ipaddr.js";
import { EvaluationError } from "./errors";
import type { JsonObject } from "./json";

type Family = "ipv4" | "ipv6";

/** An inclusive range of addresses as integers, with the family it was written in. */
interface Range {
  family: Family;
  first: bigint;
  last: bigint;
}

function bitsOf(family: Family): number {
  return family === "ipv4" ? 32 : 128;
}

function parseAddress(text: string, what: string): { family: Family; value: bigint } {
  const trimmed = text.trim();
  if (!ipaddr.isValid(trimmed)) throw new EvaluationError(`${what}: '${text}' is not an IP address`);
  const address = ipaddr.parse(trimmed);
  // An IPv4 address must be written in dotted quads; ipaddr.js also accepts shorter forms.
  if (address.kind() === "ipv4" && !ipaddr.IPv4.isValidFourPartDecimal(trimmed)) {
    throw new EvaluationError(`${what}: '${text}' is not an IPv4 address in dotted-quad form`);
  }
  let value = 0n;
  for (const byte of address.toByteArray()) value = (value << 8n) | BigInt(byte);
  return { family: address.kind(), value };
}

function format(family: Family, value: bigint): string {
  const bytes: number[] = [];
  for (let shift = BigInt(bitsOf(family) - 8); shift >= 0n; shift -= 8n) {
    bytes.push(Number((value >> shift) & 0xffn));
  }
  const address = ipaddr.fromByteArray(bytes);
  return address.kind() === "ipv6" ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
}

function parsePrefix(text: string, family: Family, what: string): number {
  const bits = Number(text);
  if (!/^\d{1,3}$/.test(text) || bits > bitsOf(family)) {
    throw new EvaluationError(`${what}: '/${text}' is not a prefix length of an ${family} address`);
  }
  return bits;
}

function cidrRange(family: Family, value: bigint, prefix: number): Range {
  const hostBits = BigInt(bitsOf(family) - prefix);
  const first = (value >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n };
}

/** A single address, `address/prefix` or `first-last`, as ipRangeContains reads its arguments. */
export function parseRange(text: string, what = "ipRangeContains()"): Range {
  const slash = text.indexOf("/");
  if (slash >= 0) {
    const { family, value } = parseAddress(text.slice(0, slash), what);
    return cidrRange(family, value, parsePrefix(text.slice(slash + 1).trim(), family, what));
  }
  const dash = text.indexOf("-");
  if (dash >= 0) {
    const first = parseAddress(text.slice(0, dash), what);
    const last = parseAddress(text.slice(dash + 1), what);
    if (first.family !== last.family) {
      throw new EvaluationError(`${what}: '${text}' mixes IPv4 and IPv6 addresses`);
    }
    if (first.value > last.value) throw new EvaluationError(`${what}: '${text}' is an empty range`);
    return { family: first.family, first: first.value, last: last.value };
  }
  const { family, value } = parseAddress(text, what);
  return { family, first: value, last: value };
}

export function ipRangeContains(range: string, target: string): boolean {
  const outer = parseRange(range);
  const inner = parseRange(target);
  if (outer.family !== inner.family) {
    throw new EvaluationError(
      `ipRangeContains(): cannot compare an ${outer.family} range with an ${inner.family} one`,
    );
  }
  return inner.first >= outer.first && inner.last <= outer.last;
}

function parseCidrText(text: string, what: string): { family: Family; value: bigint; prefix: number } {
  const slash = text.indexOf("/");
  if (slash < 0) throw new EvaluationError(`${what}: '${text}' is not in CIDR notation`);
  const { family, value } = parseAddress(text.slice(0, slash), what);
  return { family, value, prefix: parsePrefix(text.slice(slash + 1).trim(), family, what) };
}

/** parseCidr: network, netmask, (IPv4) broadcast, first and last usable address, prefix length. */
export function parseCidr(text: string): JsonObject {
  const { family, value, prefix } = parseCidrText(text, "parseCidr()");
  const { first, last } = cidrRange(family, value, prefix);
  const bits = BigInt(bitsOf(family));
  const netmask = ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
  if (family === "ipv6") {
    return {
      network: format(family, first),
      netmask: format(family, netmask),
      firstUsable: format(family, first),
      lastUsable: format(family, last),
      cidr: prefix,
    };
  }
  // /31 and /32 have no network or broadcast address to skip.
  const small = prefix >= 31;
  return {
    network: format(family, first),
    netmask: format(family, netmask),
    broadcast: format(family, last),
    firstUsable: format(family, small ? first : first + 1n),
    lastUsable: format(family, small ? last : last - 1n),
    cidr: prefix,
  };
}

export function cidrSubnet(text: string, newPrefix: number, index: number): string {
  const { family, value, prefix } = parseCidrText(text, "cidrSubnet()");
  if (!Number.isInteger(newPrefix) || newPrefix < prefix || newPrefix > bitsOf(family)) {
    throw new EvaluationError(
      `cidrSubnet(): the new prefix length must be between ${prefix} and ${bitsOf(family)}, got ${newPrefix}`,
    );
  }
  const count = 1n << BigInt(newPrefix - prefix);
  if (!Number.isInteger(index) || index < 0 || BigInt(index) >= count) {
    throw new EvaluationError(`cidrSubnet(): subnet index ${index} is outside 0-${count - 1n}`);
  }
  const { first } = cidrRange(family, value, prefix);
  const subnet = first + (BigInt(index) << BigInt(bitsOf(family) - newPrefix));
  return `${format(family, subnet)}/${newPrefix}`;
}

export function cidrHost(text: string, index: number): string {
  const { family, value, prefix } = parseCidrText(text, "cidrHost()");
  const { first, last } = cidrRange(family, value, prefix);
  // Hosts are numbered from the first usable address, after the network address.
  const host = first + 1n + BigInt(index);
  const lastUsable = family === "ipv4" && prefix < 31 ? last - 1n : last;
  if (!Number.isInteger(index) || index < 0 || host > lastUsable) {
    throw new EvaluationError(`cidrHost(): host index ${index} is outside the range ${text}`);
  }
  return format(family, host);
}
