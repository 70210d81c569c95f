import "server-only";

import { lookup as dnsLookup } from "node:dns";
import { isIP, type LookupFunction } from "node:net";

import { classifyAddress } from "./address-policy";

/**
 * Name resolution for the preflight's socket that refuses addresses the address policy does not
 * allow. The socket connects to exactly the addresses checked here, so a name that answers with a
 * public address to a check and a private one to the connection (DNS rebinding) gains nothing.
 */

/** Raised (through the socket's lookup) when a host is, or resolves to, an address not allowed. */
export class RefusedAddressError extends Error {
  readonly code = "ERR_PREFLIGHT_REFUSED_ADDRESS";

  constructor(
    readonly host: string,
    readonly addresses: string[],
  ) {
    super(`${host} resolves to an address the preflight does not connect to: ${addresses.join(", ")}`);
    this.name = "RefusedAddressError";
  }
}

/** Whether the preflight may connect to `address`: public ones always, private ones when allowed. */
export function mayConnect(address: string, allowPrivate: boolean): boolean {
  const verdict = classifyAddress(address);
  return verdict === "public" || (verdict === "private" && allowPrivate);
}

/** The host of a URL as an IP address, when it is one (`[::1]` → `::1`), else undefined. */
export function ipLiteral(hostname: string): string | undefined {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? undefined : bare;
}

/**
 * A `lookup` for `http.request` that resolves every address of the name and refuses the whole name
 * when any of them is not allowed (which address the socket would try first is not ours to choose).
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family, hints: options.hints }, (error, found) => {
      if (error) {
        callback(error, "");
        return;
      }
      const addresses = found.map((entry) => entry.address);
      const first = found[0];
      if (!first || !addresses.every((address) => mayConnect(address, allowPrivate))) {
        callback(new RefusedAddressError(hostname, addresses), "");
        return;
      }
      if (options.all) callback(null, found);
      else callback(null, first.address, first.family);
    });
  };
}
