import "server-only";

import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { rootCertificates, TLSSocket, type Certificate } from "node:tls";

import { guardedLookup, RefusedAddressError } from "./guarded-lookup";

/**
 * One GET of a URL the way WeChat fetches a verification file: a plain client, no redirects
 * followed, no connection reused. It records what happened (the TLS session, the answer, or why
 * there was none) and leaves judging it to the preflight.
 */

export interface ProbeOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  /** Certificates trusted besides Node's bundled roots (a private CA; the tests' own). */
  trustedCertificates?: string[];
}

/** The TLS session as the handshake left it; the certificate is read even when it is not trusted. */
export interface TlsFacts {
  protocol: string | null;
  authorized: boolean;
  /** OpenSSL's or Node's code for why the certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT…). */
  authorizationError?: string;
  /** The certificate's notAfter, as OpenSSL prints it ("Dec  4 13:57:52 2026 GMT"). */
  validTo?: string;
  subject?: string;
  issuer?: string;
  subjectAltNames?: string;
}

export type ProbeOutcome =
  | { kind: "refused"; host: string; addresses: string[] }
  | { kind: "dns"; errorCode: string }
  | { kind: "connect"; errorCode: string }
  | { kind: "tls_handshake"; errorCode: string }
  | { kind: "timeout" }
  | {
      kind: "answered";
      status: number;
      headers: IncomingHttpHeaders;
      /** The body of a 200 answer (empty for any other status, which is not read). */
      body: Buffer;
      /** Set when the body was larger than `maxBytes` and reading stopped. */
      overflow?: { receivedBytes: number; contentLength?: number };
    };

export interface Probe {
  outcome: ProbeOutcome;
  tls?: TlsFacts;
  /** From the request's start to the complete answer (or to the failure). */
  elapsedMs: number;
}

const USER_AGENT = "qr-jump-console-preflight/1.0";
const DNS_ERRORS = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME"]);

export function probeUrl(url: URL, options: ProbeOptions): Promise<Probe> {
  return new Promise((resolve) => {
    const started = performance.now();
    let tls: TlsFacts | undefined;
    let settled = false;

    const secure = url.protocol === "https:";
    const request = (secure ? https : http).request(url, {
      method: "GET",
      agent: false,
      lookup: guardedLookup(options.allowPrivate),
      headers: { "user-agent": USER_AGENT, accept: "*/*" },
      ...(secure
        ? {
            // The certificate and protocol are judged after the handshake, so the handshake must
            // succeed with whatever the server offers: nothing secret is sent on this connection.
            rejectUnauthorized: false,
            minVersion: "TLSv1" as const,
            ciphers: "DEFAULT@SECLEVEL=0",
            ...(options.trustedCertificates?.length
              ? { ca: [...rootCertificates, ...options.trustedCertificates] }
              : {}),
          }
        : {}),
    });

    const finish = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ outcome, tls, elapsedMs: Math.round(performance.now() - started) });
    };
    const timer = setTimeout(() => finish({ kind: "timeout" }), options.timeoutMs);

    request.on("socket", (socket) => {
      if (socket instanceof TLSSocket) socket.once("secureConnect", () => (tls = tlsFacts(socket)));
    });
    request.on("error", (error) => finish(failure(error)));
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const answered = { kind: "answered" as const, status, headers: response.headers };
      if (status !== 200) {
        finish({ ...answered, body: Buffer.alloc(0) });
        return;
      }
      const declared = response.headers["content-length"];
      const contentLength = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined;
      if (contentLength !== undefined && contentLength > options.maxBytes) {
        finish({ ...answered, body: Buffer.alloc(0), overflow: { receivedBytes: 0, contentLength } });
        return;
      }
      const chunks: Buffer[] = [];
      let receivedBytes = 0;
      response.on("data", (chunk: Buffer) => {
        receivedBytes += chunk.length;
        if (receivedBytes > options.maxBytes) {
          const overflow = contentLength === undefined ? { receivedBytes } : { receivedBytes, contentLength };
          finish({ ...answered, body: Buffer.concat(chunks), overflow });
        } else {
          chunks.push(chunk);
        }
      });
      response.on("end", () => finish({ ...answered, body: Buffer.concat(chunks) }));
      response.on("error", (error) => finish(failure(error)));
    });
    request.end();
  });
}

function failure(error: Error): ProbeOutcome {
  if (error instanceof RefusedAddressError) {
    return { kind: "refused", host: error.host, addresses: error.addresses };
  }
  const errorCode = (error as NodeJS.ErrnoException).code ?? error.name;
  if (DNS_ERRORS.has(errorCode)) return { kind: "dns", errorCode };
  if (errorCode === "EPROTO" || errorCode.startsWith("ERR_SSL_") || errorCode.startsWith("ERR_TLS_")) {
    return { kind: "tls_handshake", errorCode };
  }
  return { kind: "connect", errorCode };
}

function tlsFacts(socket: TLSSocket): TlsFacts {
  // Typed as an Error, but Node sets the verification code as a string.
  const reason = socket.authorizationError as unknown as string | Error | null | undefined;
  const facts: TlsFacts = {
    protocol: socket.getProtocol(),
    authorized: socket.authorized,
    ...(reason ? { authorizationError: typeof reason === "string" ? reason : reason.message } : {}),
  };
  const certificate = socket.getPeerCertificate();
  if (!certificate || Object.keys(certificate).length === 0) return facts;
  return {
    ...facts,
    validTo: certificate.valid_to,
    subject: commonName(certificate.subject),
    issuer: commonName(certificate.issuer),
    subjectAltNames: certificate.subjectaltname,
  };
}

function commonName(name: Certificate | undefined): string | undefined {
  const value = name?.CN;
  return Array.isArray(value) ? value.join(", ") : value;
}
