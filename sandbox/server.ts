import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { WeChatFailure, errmsgFor } from "./errors";
import { DEMO_FIXTURE } from "./fixtures/demo";
import { SandboxState } from "./state";
import { type Fault, type SandboxSeed, faultSchema, resetSchema } from "./types";

export const MAX_BODY_BYTES = 1024 * 1024;

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  fixture?: "demo" | "empty";
  /** Log one line per call to stdout. */
  verbose?: boolean;
}

export interface RunningSandbox {
  url: string;
  port: number;
  state: SandboxState;
  close(): Promise<void>;
}

const QRCODEJUMP = new Set([
  "qrcodejumpadd",
  "qrcodejumpdelete",
  "qrcodejumpget",
  "qrcodejumppublish",
  "qrcodejumpdownload",
]);

/** WeChat's endpoints by path: the name faults are keyed by, and whether they are POST-only. */
function endpointOf(pathname: string): string | null {
  if (pathname === "/cgi-bin/token") return "token";
  if (pathname === "/cgi-bin/stable_token") return "stable_token";
  if (pathname === "/cgi-bin/openapi/rid/get") return "rid_get";
  const match = /^\/cgi-bin\/wxopen\/([a-z]+)$/.exec(pathname);
  return match?.[1] && QRCODEJUMP.has(match[1]) ? match[1] : null;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * WeChat's JSON bodies. The official example for type-B rules is written with
 * typographic quotes (“wxxxxxx”); WeChat's parser is lenient there, so is ours.
 */
function parseJson(text: string): unknown {
  if (text.trim() === "") throw new WeChatFailure(44002);
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(text.replace(/[\u201C\u201D]/g, '"'));
    } catch {
      throw new WeChatFailure(47001);
    }
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): string {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
  return text;
}

function maskToken(url: string): string {
  return url.replace(/access_token=[^&]*/g, "access_token=ACCESS_TOKEN").replace(/secret=[^&]*/g, "secret=SECRET");
}

export function createSandboxServer(state: SandboxState, options: { verbose?: boolean } = {}): Server {
  async function weChat(req: IncomingMessage, res: ServerResponse, url: URL, endpoint: string): Promise<void> {
    const started = Date.now();
    let appid: string | null = url.searchParams.get("appid");
    let bodyText = "";
    const fault: Fault | null = state.takeFault(endpoint);

    const answer = (payload: Record<string, unknown>): void => {
      const errcode = typeof payload.errcode === "number" ? payload.errcode : 0;
      let rid: string | null = null;
      if (errcode !== 0) {
        rid = state.newRid();
        payload = { ...payload, errmsg: `${String(payload.errmsg)} rid: ${rid}` };
      }
      const responseText = sendJson(res, 200, payload);
      if (rid) {
        state.rememberRid(rid, {
          appid,
          at: state.now(),
          costMs: Date.now() - started,
          requestUrl: maskToken(`${url.pathname}${url.search}`),
          requestBody: bodyText,
          responseBody: responseText,
          clientIp: req.socket.remoteAddress ?? "",
        });
      }
      state.record({ appid, endpoint, errcode, rid });
      if (options.verbose) console.info(`[sandbox] ${endpoint} ${appid ?? "-"} → ${errcode}`);
    };

    const injected = (): boolean => {
      if (!fault || fault.mode === "delay") return false;
      if (fault.mode === "drop") {
        state.record({ appid, endpoint, errcode: -999, rid: null });
        req.socket.destroy();
      } else if (fault.mode === "garbage") {
        state.record({ appid, endpoint, errcode: -998, rid: null });
        res.writeHead(502, { "content-type": "text/html" });
        res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
      } else {
        const errcode = fault.errcode ?? -1;
        answer({ errcode, errmsg: errmsgFor(errcode) });
      }
      return true;
    };

    try {
      if (fault?.mode === "delay") await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
      if (!fault?.apply && injected()) return;
      if (endpoint !== "token" && req.method !== "POST") throw new WeChatFailure(43002);
      bodyText = endpoint === "token" ? "" : await readBody(req);

      let result: Record<string, unknown>;
      if (endpoint === "token") {
        result = { ...state.classicToken(url.searchParams) };
      } else if (endpoint === "stable_token") {
        const body = parseJson(bodyText);
        appid = typeof (body as { appid?: unknown }).appid === "string" ? (body as { appid: string }).appid : null;
        result = { ...state.stableToken(body) };
      } else {
        const account = state.authenticate(url.searchParams.get("access_token"));
        appid = account.appid;
        if (endpoint === "rid_get") {
          result = state.lookupRid(account, parseJson(bodyText));
        } else {
          state.throttle(account.appid);
          const body = parseJson(bodyText);
          if (endpoint === "qrcodejumpadd") await state.add(account, body);
          else if (endpoint === "qrcodejumpdelete") state.remove(account, body);
          else if (endpoint === "qrcodejumppublish") state.publish(account, body);
          result =
            endpoint === "qrcodejumpget"
              ? state.get(account, body)
              : endpoint === "qrcodejumpdownload"
                ? state.download(account, body)
                : { errcode: 0, errmsg: "ok" };
        }
      }
      if (fault?.apply && injected()) return;
      answer(result);
    } catch (error) {
      if (fault?.apply && injected()) return;
      if (error instanceof BodyTooLarge) {
        res.setHeader("connection", "close");
        answer({ errcode: 45002, errmsg: errmsgFor(45002) });
        return;
      }
      if (error instanceof WeChatFailure) {
        answer({ errcode: error.errcode, errmsg: errmsgFor(error.errcode) });
        return;
      }
      console.error("[sandbox] unexpected error:", error instanceof Error ? error.message : error);
      answer({ errcode: -1, errmsg: errmsgFor(-1) });
    }
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method ?? "GET"} ${url.pathname}`;
    const body = async (): Promise<unknown> => {
      const text = await readBody(req);
      return text.trim() ? JSON.parse(text) : {};
    };
    try {
      switch (route) {
        case "POST /__sandbox/reset": {
          const input = (await body()) as { fixture?: string };
          const seed = input.fixture === "demo" ? DEMO_FIXTURE : resetSchema.parse(input);
          state.reset(seed);
          sendJson(res, 200, { ok: true });
          return;
        }
        case "GET /__sandbox/state":
          sendJson(res, 200, state.snapshot());
          return;
        case "POST /__sandbox/faults":
          state.addFault(faultSchema.parse(await body()));
          sendJson(res, 200, { ok: true, faults: state.activeFaults() });
          return;
        case "DELETE /__sandbox/faults":
          state.clearFaults();
          sendJson(res, 200, { ok: true });
          return;
        case "POST /__sandbox/clock": {
          const { advanceSeconds } = (await body()) as { advanceSeconds?: unknown };
          if (typeof advanceSeconds !== "number" || !Number.isFinite(advanceSeconds) || advanceSeconds < 0) {
            sendJson(res, 400, { error: "advanceSeconds must be a number ≥ 0" });
            return;
          }
          state.advanceClock(advanceSeconds);
          sendJson(res, 200, { ok: true, now: new Date(state.now()).toISOString() });
          return;
        }
        default:
          sendJson(res, 404, { error: `no control route ${route}` });
      }
    } catch (error) {
      const message = error instanceof BodyTooLarge ? "body over 1 MB" : error instanceof Error ? error.message : "bad request";
      sendJson(res, 400, { error: message });
    }
  }

  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const task = url.pathname.startsWith("/__sandbox/")
      ? control(req, res, url)
      : (() => {
          const endpoint = endpointOf(url.pathname);
          if (endpoint) return weChat(req, res, url, endpoint);
          sendJson(res, 404, { errcode: 40066, errmsg: `${errmsgFor(40066)} rid: ${state.newRid()}` });
          return Promise.resolve();
        })();
    task.catch((error: unknown) => {
      console.error("[sandbox] request failed:", error instanceof Error ? error.message : error);
      if (!res.headersSent) sendJson(res, 500, { errcode: -1, errmsg: errmsgFor(-1) });
      else res.destroy();
    });
  });
}

/** Starts the sandbox; `port: 0` picks a free one (tests). */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const state = new SandboxState();
  state.reset(options.fixture === "empty" ? ({ accounts: [] } satisfies SandboxSeed) : DEMO_FIXTURE);
  const server = createSandboxServer(state, { verbose: options.verbose });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1";
  return {
    url: `http://${host}:${port}`,
    port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
