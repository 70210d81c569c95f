import "server-only";

import { isIP } from "node:net";

import { env } from "./env";

/**
 * The address a request came from, for the activity log and the sessions
 * list. Forwarding headers are written by whoever sends the request, so they
 * count only when TRUST_PROXY says a reverse proxy in front sets them; then
 * the right-most X-Forwarded-For entry is the one that proxy added. Next.js
 * gives route handlers no socket, so without a trusted proxy the address is
 * unknown (null) rather than guessed from a header.
 */
export function clientIp(headers: Headers): string | null {
  if (!env.TRUST_PROXY) return null;
  const candidate = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() ?? "";
  return isIP(candidate) ? candidate : null;
}

/**
 * Where links sent to people point (set-password links): the configured
 * public address, never the Host or X-Forwarded-Host of the request that
 * asked for the link.
 */
export function publicUrl(): string {
  return (env.AUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}
