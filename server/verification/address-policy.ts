import "server-only";

import { BlockList, isIP } from "node:net";

/**
 * Which addresses a server-side fetch of a customer's URL (the verification file's preflight) may
 * connect to: only public ones, unless the operator's configuration allows private ones (tests and
 * a sandbox on the same machine need that). Covers IPv4 and IPv6, IPv4-mapped IPv6 included.
 */
const blocked = new BlockList();
for (const [network, bits] of [
  ["0.0.0.0", 8], // "this network", the unspecified address
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(network, bits, "ipv4");
for (const [network, bits] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["64:ff9b::", 96], // NAT64, which reaches IPv4 addresses
] as const)
  blocked.addSubnet(network, bits, "ipv6");

const MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export type AddressVerdict = "public" | "private" | "invalid";

/** Whether `address` (as DNS answered it) is a public address a fetch may go to. */
export function classifyAddress(address: string): AddressVerdict {
  const mapped = MAPPED.exec(address)?.[1];
  if (mapped) return classifyAddress(mapped);
  const family = isIP(address);
  if (family === 0) return "invalid";
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6") ? "private" : "public";
}
