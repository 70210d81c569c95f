/**
 * Real HTTP and HTTPS servers on 127.0.0.1 that play an operator's or merchant's site in the
 * verification tests, and the self-signed certificates they serve, made by openssl.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http, { type IncomingMessage } from "node:http";
import type https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface TestServer {
  origin: string;
  port: number;
  /** Every request the server received, as "GET /path". */
  hits: string[];
  close(): Promise<void>;
}

/**
 * Starts `server` on a free port of 127.0.0.1. Its origin names the host as `host` says: an HTTPS server
 * whose certificate is for localhost is reached by that name when the certificate is to match.
 */
export async function listen(
  server: http.Server | https.Server,
  scheme: "http" | "https",
  host: "127.0.0.1" | "localhost" = "127.0.0.1",
): Promise<TestServer> {
  const hits: string[] = [];
  server.prependListener("request", (request: IncomingMessage) =>
    hits.push(`${request.method} ${request.url}`),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${scheme}://${host}:${port}`,
    port,
    hits,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port of 127.0.0.1 on which nothing listens (a moment ago something did): connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = await listen(http.createServer(), "http");
  await server.close();
  return server.port;
}

/** A self-signed certificate for localhost valid for `days`, its files written to `dir` under `name`. */
export function makeCertificate(dir: string, name: string, days: number): { key: Buffer; cert: string } {
  const keyFile = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.pem`);
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", String(days), "-subj", "/CN=localhost"].concat(
      ["-keyout", keyFile, "-out", certFile],
    ),
    { stdio: "ignore" },
  );
  return { key: readFileSync(keyFile), cert: readFileSync(certFile, "utf8") };
}
