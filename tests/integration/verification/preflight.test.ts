import { mkdtempSync, rmSync } from "node:fs";
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { preflightVerificationFile, type PreflightReport } from "@/server/verification/preflight";
import {
  type TestServer,
  closedPort,
  listen,
  makeCertificate,
} from "@/tests/integration/verification/support";

// Real servers on 127.0.0.1 play the operator's host, each misconfigured the way the community's
// 85069 reports describe; nothing is mocked.
const FILE = "Wx8fK2pQ7c.txt";
const CONTENT = "5b8e0f2d9c7a41e6b3f0a7c2d4e6f801";

const streams = new Set<NodeJS.Timeout>();
const site: RequestListener = (request: IncomingMessage, response: ServerResponse) => {
  const [, scenario] = (request.url ?? "").split("/");
  const text = (body: string | Buffer, type = "text/plain") => {
    response.writeHead(200, { "content-type": type });
    response.end(body);
  };
  switch (scenario) {
    case "ok":
      return text(CONTENT);
    case "wrong":
      return text("3f1c0000000000000000000000000000");
    case "bom":
      return text(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CONTENT)]));
    case "newline":
      return text(`${CONTENT}\n`);
    case "html":
      return text(
        "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>…</form></body></html>",
        "text/html; charset=utf-8",
      );
    case "redirect":
      response.writeHead(302, { location: `${target.origin}/${FILE}` });
      return response.end();
    case "slow":
      return void setTimeout(() => text(CONTENT), 1200);
    case "large":
      response.writeHead(200, { "content-type": "text/plain", "content-length": 100 * 1024 });
      return response.end(Buffer.alloc(100 * 1024, "a"));
    case "endless": {
      // Chunked, without a length, and never finished: only a reader that stops can return.
      response.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => response.write(Buffer.alloc(8 * 1024, "a")), 5);
      streams.add(timer);
      response.on("close", () => clearInterval(timer));
      return;
    }
    case "hang":
      return;
    default:
      response.writeHead(404, { "content-type": "text/plain" });
      return response.end("not found");
  }
};

let dir: string;
let cert: string;
let plain: TestServer;
let target: TestServer;
let secure: TestServer;
let oldTls: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "preflight-"));
  const made = makeCertificate(dir, "localhost", 2);
  const key = made.key;
  cert = made.cert;
  plain = await listen(http.createServer(site), "http");
  target = await listen(http.createServer(site), "http");
  secure = await listen(https.createServer({ key, cert }, site), "https");
  // A server stuck on TLS 1.1, which OpenSSL 3 offers only at security level 0.
  oldTls = await listen(
    https.createServer(
      { key, cert, minVersion: "TLSv1", maxVersion: "TLSv1.1", ciphers: "DEFAULT@SECLEVEL=0" },
      site,
    ),
    "https",
  );
});

afterAll(async () => {
  for (const timer of streams) clearInterval(timer);
  await Promise.all([plain, target, secure, oldTls].map((server) => server?.close()));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const server of [plain, target, secure, oldTls]) server.hits.length = 0;
});

function check(url: string, options: Partial<Parameters<typeof preflightVerificationFile>[0]> = {}) {
  return preflightVerificationFile({
    url,
    expectedContent: CONTENT,
    expectedFileName: FILE,
    allowPrivate: true,
    ...options,
  });
}

const codes = (report: PreflightReport) => report.problems.map((problem) => problem.code);

describe("preflightVerificationFile over plain HTTP", () => {
  it("passes the exact content, with http:// as the only (warning) remark", async () => {
    const report = await check(`${plain.origin}/ok/${FILE}`);
    expect(report).toMatchObject({ ok: true, status: 200, finalUrl: `${plain.origin}/ok/${FILE}` });
    expect(report.problems).toEqual([{ code: "http_not_https" }]);
    expect(plain.hits).toEqual([`GET /ok/${FILE}`]);
  });

  it("reports other content as a mismatch, with what came back", async () => {
    const report = await check(`${plain.origin}/wrong/${FILE}`);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({
      code: "body_mismatch",
      received: "3f1c0000000000000000000000000000",
      receivedBytes: 32,
      expectedBytes: 32,
      differsAt: 0,
    });
  });

  it("reports a UTF-8 byte order mark, and nothing else when the rest is right", async () => {
    const report = await check(`${plain.origin}/bom/${FILE}`);
    expect(report.ok).toBe(false);
    expect(codes(report)).toEqual(["http_not_https", "body_bom"]);
  });

  it("reports a trailing newline as whitespace, naming it", async () => {
    const report = await check(`${plain.origin}/newline/${FILE}`);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ code: "body_whitespace", leading: "", trailing: "\n" });
    expect(codes(report)).not.toContain("body_mismatch");
  });

  it("recognises an HTML page (a login page) and gives its title", async () => {
    const report = await check(`${plain.origin}/html/${FILE}`);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        code: "body_html",
        title: "Sign in",
        contentType: "text/html; charset=utf-8",
      }),
    );
  });

  it("reports a redirect with its Location and never fetches the target", async () => {
    const report = await check(`${plain.origin}/redirect/${FILE}`);
    expect(report).toMatchObject({ ok: false, status: 302 });
    expect(report.problems).toContainEqual({
      code: "redirect",
      status: 302,
      location: `${target.origin}/${FILE}`,
    });
    // Give a follower every chance to show itself.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(target.hits).toEqual([]);
  });

  it("reports a status other than 200", async () => {
    const report = await check(`${plain.origin}/missing/${FILE}`);
    expect(report).toMatchObject({ ok: false, status: 404 });
    expect(report.problems).toContainEqual({ code: "status", status: 404 });
  });

  it("warns about an answer slower than a second, which is otherwise right", async () => {
    const report = await check(`${plain.origin}/slow/${FILE}`);
    expect(report.ok).toBe(true);
    const slow = report.problems.find((problem) => problem.code === "slow");
    expect(slow).toMatchObject({ code: "slow", limitMs: 1000 });
    expect(slow && "elapsedMs" in slow && slow.elapsedMs).toBeGreaterThanOrEqual(1150);
  });

  it("stops reading a body over the size limit", async () => {
    const report = await check(`${plain.origin}/endless/${FILE}`, { maxBytes: 16 * 1024, timeoutMs: 4000 });
    expect(report.ok).toBe(false);
    const tooLarge = report.problems.find((problem) => problem.code === "too_large");
    expect(tooLarge).toMatchObject({ code: "too_large", maxBytes: 16 * 1024 });
    expect(tooLarge && "receivedBytes" in tooLarge && tooLarge.receivedBytes).toBeGreaterThan(16 * 1024);
    expect(codes(report)).not.toContain("timeout");
    expect(report.elapsedMs).toBeLessThan(2000);
  });

  it("refuses a body whose declared length is over the limit, without reading it", async () => {
    const report = await check(`${plain.origin}/large/${FILE}`);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({
      code: "too_large",
      maxBytes: 64 * 1024,
      receivedBytes: 0,
      contentLength: 100 * 1024,
    });
  });

  it("gives up at the time limit", async () => {
    const report = await check(`${plain.origin}/hang/${FILE}`, { timeoutMs: 300 });
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ code: "timeout", timeoutMs: 300 });
    expect(report.status).toBeUndefined();
    expect(report.elapsedMs).toBeGreaterThanOrEqual(290);
    expect(report.elapsedMs).toBeLessThan(1500);
  });

  it("reports a file name that differs only by case", async () => {
    const report = await check(`${plain.origin}/ok/${FILE.toLowerCase()}`);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({
      code: "file_name_case",
      expected: FILE,
      actual: FILE.toLowerCase(),
    });
  });

  it("reports a refused connection", async () => {
    const report = await check(`http://127.0.0.1:${await closedPort()}/ok/${FILE}`);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ code: "connect", errorCode: "ECONNREFUSED" });
  });

  it("reports a name that does not resolve", async () => {
    const report = await check(`https://no-such-host.invalid/${FILE}`);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ code: "dns", host: "no-such-host.invalid", errorCode: expect.any(String) }),
    );
  });

  it("refuses what is not an http(s) URL", async () => {
    expect((await check("not a url")).problems).toEqual([{ code: "invalid_url", reason: "unparseable" }]);
    expect((await check(`ftp://a.example.com/${FILE}`)).problems).toEqual([
      { code: "invalid_url", reason: "scheme" },
    ]);
  });
});

describe("the address policy", () => {
  it("refuses a private IP literal by default, without connecting", async () => {
    const report = await check(`${plain.origin}/ok/${FILE}`, { allowPrivate: undefined });
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({
      code: "private_address",
      host: "127.0.0.1",
      addresses: ["127.0.0.1"],
    });
    expect(plain.hits).toEqual([]);
  });

  it("refuses a name resolving to loopback, without connecting", async () => {
    const report = await check(`http://localhost:${plain.port}/ok/${FILE}`, { allowPrivate: false });
    expect(report.ok).toBe(false);
    const refused = report.problems.find((problem) => problem.code === "private_address");
    expect(refused).toMatchObject({ code: "private_address", host: "localhost" });
    expect(refused && "addresses" in refused && refused.addresses).toContain("127.0.0.1");
    expect(report.status).toBeUndefined();
    expect(plain.hits).toEqual([]);
  });

  it("refuses an IPv6 loopback literal", async () => {
    const report = await check(`http://[::1]:${plain.port}/ok/${FILE}`, { allowPrivate: false });
    expect(report.problems).toContainEqual({ code: "private_address", host: "[::1]", addresses: ["::1"] });
  });
});

describe("preflightVerificationFile over HTTPS", () => {
  it("reports a self-signed certificate, and still checks the file behind it", async () => {
    const report = await check(`${secure.origin}/ok/${FILE}`);
    expect(report).toMatchObject({ ok: false, status: 200 });
    expect(report.problems).toEqual([
      {
        code: "tls_self_signed",
        reason: "DEPTH_ZERO_SELF_SIGNED_CERT",
        subject: "localhost",
        issuer: "localhost",
      },
    ]);
  });

  it("passes a trusted certificate, warning that it expires within 30 days", async () => {
    const report = await check(`https://localhost:${secure.port}/ok/${FILE}`, {
      trustedCertificates: [cert],
    });
    expect(report.ok).toBe(true);
    expect(report.problems).toHaveLength(1);
    const expiring = report.problems[0];
    expect(expiring).toMatchObject({
      code: "cert_expiring",
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(expiring && "daysLeft" in expiring && expiring.daysLeft).toBeLessThanOrEqual(2);
  });

  it("reports a trusted certificate for another name as invalid", async () => {
    const report = await check(`${secure.origin}/ok/${FILE}`, { trustedCertificates: [cert] });
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        code: "tls_invalid",
        reason: "ERR_TLS_CERT_ALTNAME_INVALID",
        host: "127.0.0.1",
      }),
    );
  });

  it("reports a protocol older than TLS 1.2", async () => {
    const report = await check(`https://localhost:${oldTls.port}/ok/${FILE}`, {
      trustedCertificates: [cert],
    });
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ code: "tls_old_protocol", protocol: "TLSv1.1" });
  });

  it("reports a handshake failure when the port speaks plain HTTP", async () => {
    const report = await check(`https://127.0.0.1:${plain.port}/ok/${FILE}`);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ code: "tls_handshake", errorCode: expect.stringMatching(/SSL|EPROTO/) }),
    );
    expect(report.status).toBeUndefined();
  });
});
