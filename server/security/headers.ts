import "server-only";

import { randomBytes } from "node:crypto";

import { env } from "../env";

/**
 * The per-request security headers set by the proxy: the Content-Security-Policy
 * (its script nonce differs on every request) and Strict-Transport-Security.
 * The headers that never vary are in next.config.mjs, which applies them to
 * every response, the static files the proxy skips included.
 */

/** 128 random bits: a nonce must not be guessable by whoever injects markup. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

export interface PolicyOptions {
  nonce: string;
  https: boolean;
  development?: boolean;
}

/** The policy of an HTML page. */
export function pageContentSecurityPolicy({ nonce, https, development = false }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonce'd Next.js bootstrap load its chunks; 'self' only matters to CSP2 browsers,
    // which ignore 'strict-dynamic'. React's development tooling evaluates server stacks, hence 'unsafe-eval' in dev.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Inline styles cannot carry a nonce where they come from: React renders `style` attributes into the server
    // HTML (Radix popper positioning, Recharts' containers), and Sonner and Radix's scroll lock insert <style>
    // elements without one. A nonce in this list would make browsers ignore 'unsafe-inline', so there is none.
    // Styles cannot run code, and with img-src, font-src and connect-src at 'self' they cannot send data away.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** The policy of a JSON or file answer, which is never a document that should load anything. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * Whether the browser reached us over HTTPS: the request's protocol (Next.js takes it from the socket or
 * X-Forwarded-Proto) or a public URL that is https. Browsers ignore Strict-Transport-Security received over
 * plain HTTP, so a forged X-Forwarded-Proto cannot make the header do anything.
 */
export function servedOverHttps(requestUrl: URL): boolean {
  return requestUrl.protocol === "https:" || env.AUTH_URL?.startsWith("https:") === true;
}

export function isDevelopment(): boolean {
  return env.NODE_ENV === "development";
}
