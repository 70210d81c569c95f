/**
 * The WeChat API sandbox over HTTP: WeChat's own paths, methods and JSON
 * shapes, the third-party platforms' authorization page, plus the control API
 * under `/__sandbox/`. Plain node:http, kept lean on the hot path (the
 * benchmark asks for 2,000 requests a second).
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { LOGIN_PAGE_PATH, handleLoginPage } from "./consent-page";
import { handleControl } from "./control";
import { WeChatFailure, errmsgFor, fail } from "./errors";
import { DEMO_FIXTURE } from "./fixtures/demo";
import { BodyTooLarge, MAX_BODY_BYTES, readBody, sendJson } from "./http";
import type { ActiveFault } from "./faults";
import { ruleAccount } from "./platform";
import type { Endpoint } from "./types";
import { SandboxWorld } from "./world";

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The state at start; default "demo". */
  fixture?: "demo" | "empty";
  /** No log output at all, not even unexpected errors. */
  quiet?: boolean;
  /** One log line per WeChat call (endpoint, appid, errcode; never a token or secret). */
  verbose?: boolean;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:3100: the value for WECHAT_API_BASE. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const ROUTES: Record<string, Endpoint> = {
  "/cgi-bin/token": "token",
  "/cgi-bin/stable_token": "stable_token",
  "/cgi-bin/wxopen/qrcodejumpadd": "qrcodejumpadd",
  "/cgi-bin/wxopen/qrcodejumpdelete": "qrcodejumpdelete",
  "/cgi-bin/wxopen/qrcodejumpget": "qrcodejumpget",
  "/cgi-bin/wxopen/qrcodejumppublish": "qrcodejumppublish",
  "/cgi-bin/wxopen/qrcodejumpdownload": "qrcodejumpdownload",
  "/cgi-bin/openapi/rid/get": "rid_get",
  "/cgi-bin/component/api_component_token": "api_component_token",
  "/cgi-bin/component/api_create_preauthcode": "api_create_preauthcode",
  "/cgi-bin/component/api_query_auth": "api_query_auth",
  "/cgi-bin/component/api_authorizer_token": "api_authorizer_token",
  "/cgi-bin/component/api_get_authorizer_info": "api_get_authorizer_info",
};

/** The component endpoints that take the platform's own token (older docs name it `component_access_token`). */
const COMPONENT_CALLS = new Set<Endpoint>([
  "api_create_preauthcode",
  "api_query_auth",
  "api_authorizer_token",
  "api_get_authorizer_info",
]);

function tokenOf(endpoint: Endpoint, query: URLSearchParams): string | null {
  if (COMPONENT_CALLS.has(endpoint)) return query.get("component_access_token") ?? query.get("access_token");
  return query.get("access_token");
}

const GARBAGE =
  "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n";

type Payload = Record<string, unknown>;

function parseJsonBody(text: string): Payload {
  if (text.trim() === "") fail(44002);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    fail(47001);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) fail(47001);
  return body as Payload;
}

/** rid/get shows the query string like WeChat (`access_token=86_Im7xxxx`): never a whole token or any of a secret. */
function maskQuery(search: string): string {
  return search.replace(/(access_token=)([^&]{0,6})[^&]*/g, "$1$2xxxx").replace(/(secret=)[^&]*/g, "$1xxxx");
}

function maskBody(text: string): string {
  return text.replace(/("secret"\s*:\s*)"(?:[^"\\]|\\.)*"/g, '$1"xxxx"');
}

function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? "";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

export function createSandboxServer(
  world: SandboxWorld,
  options: Pick<SandboxOptions, "quiet" | "verbose"> = {},
): Server {
  const { state, tokens, limiter, rules, platforms, faults } = world;
  const timers = new Set<NodeJS.Timeout>();
  // Timed ticket pushes follow the sandbox clock: checked every second (and when the clock moves).
  const ticketTimer = setInterval(() => platforms.tick(), 1000);
  ticketTimer.unref();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function logError(error: unknown): void {
    if (!options.quiet)
      console.error("[sandbox] unexpected error:", error instanceof Error ? error.message : error);
  }

  interface CallContext {
    endpoint: Endpoint;
    search: string;
    started: number;
    appid: string | null;
    bodyText: string;
    bodyTooLarge: boolean;
  }

  /** Answers a WeChat call: errors get a rid (remembered for rid/get) at the end of their errmsg. */
  function answer(
    req: IncomingMessage,
    res: ServerResponse,
    call: CallContext,
    payload: Payload,
    fault?: string,
  ): void {
    const errcode = typeof payload.errcode === "number" ? payload.errcode : 0;
    let rid: string | undefined;
    if (errcode !== 0) {
      rid = state.newRid();
      payload = { ...payload, errmsg: `${String(payload.errmsg)} rid: ${rid}` };
    }
    const text = sendJson(res, 200, payload);
    const ms = Date.now() - call.started;
    if (rid) {
      state.rememberRid(rid, {
        appid: call.appid,
        at: state.now(),
        costMs: ms,
        requestUrl: maskQuery(call.search),
        requestBody: maskBody(call.bodyText),
        responseBody: text,
        clientIp: clientIp(req),
      });
    }
    finish(call, errcode, ms, rid, fault);
  }

  function finish(call: CallContext, errcode: number | null, ms: number, rid?: string, fault?: string): void {
    state.record({
      appid: call.appid,
      endpoint: call.endpoint,
      errcode,
      ms,
      ...(rid ? { rid } : {}),
      ...(fault ? { fault } : {}),
    });
    if (options.verbose && !options.quiet) {
      console.info(
        `[sandbox] ${call.endpoint} ${call.appid ?? "-"} → ${errcode ?? fault ?? "?"}${rid ? ` rid ${rid}` : ""} ${ms} ms`,
      );
    }
  }

  function inject(req: IncomingMessage, res: ServerResponse, call: CallContext, fault: ActiveFault): void {
    const tag = `${fault.mode}#${fault.id}`;
    if (fault.mode === "errcode") {
      const errcode = fault.errcode ?? -1;
      answer(req, res, call, { errcode, errmsg: errmsgFor(errcode) }, tag);
    } else if (fault.mode === "answer") {
      answer(req, res, call, { ...fault.body }, tag);
    } else if (fault.mode === "drop") {
      finish(call, null, Date.now() - call.started, undefined, tag);
      req.socket.destroy();
    } else {
      finish(call, null, Date.now() - call.started, undefined, tag);
      if (!res.headersSent)
        res.writeHead(fault.status, {
          "content-type": "text/html",
          "content-length": Buffer.byteLength(GARBAGE),
        });
      res.end(GARBAGE);
    }
  }

  /** What WeChat would answer, or the WeChat error it would give. */
  /** The account a call comes from, without acting on it: null when its token or appid is not valid. */
  function callerOf(call: CallContext): string | null {
    const query = new URLSearchParams(call.search);
    if (call.endpoint === "token") return query.get("appid");
    if (call.endpoint === "stable_token" || call.endpoint === "api_component_token") {
      try {
        const body = JSON.parse(call.bodyText) as { appid?: unknown; component_appid?: unknown };
        const appid = call.endpoint === "stable_token" ? body.appid : body.component_appid;
        return typeof appid === "string" ? appid : null;
      } catch {
        return null;
      }
    }
    try {
      return tokens.authenticate(tokenOf(call.endpoint, query)).appid;
    } catch {
      return null;
    }
  }

  async function carryOut(req: IncomingMessage, call: CallContext): Promise<Payload> {
    try {
      const query = new URLSearchParams(call.search);
      if (call.endpoint === "token") {
        call.appid = query.get("appid");
        if (req.method !== "GET") fail(43001);
        return { ...tokens.classic(query, clientIp(req)) };
      }
      if (req.method !== "POST") fail(43002);
      if (call.bodyTooLarge) fail(45002);

      if (call.endpoint === "stable_token") {
        const body = parseJsonBody(call.bodyText);
        call.appid = typeof body.appid === "string" ? body.appid : null;
        return { ...tokens.stable(body, clientIp(req)) };
      }

      if (call.endpoint === "api_component_token") {
        const body = parseJsonBody(call.bodyText);
        call.appid = typeof body.component_appid === "string" ? body.component_appid : null;
        return { ...platforms.componentToken(body, clientIp(req)) };
      }

      const caller = tokens.authenticate(tokenOf(call.endpoint, query));
      call.appid = caller.appid;
      switch (call.endpoint) {
        case "rid_get":
          return lookupRid(caller.appid, parseJsonBody(call.bodyText));
        case "api_create_preauthcode":
          return { ...platforms.createPreAuthCode(caller, parseJsonBody(call.bodyText)) };
        case "api_query_auth":
          return { ...platforms.queryAuth(caller, parseJsonBody(call.bodyText)) };
        case "api_authorizer_token":
          return { ...platforms.authorizerToken(caller, parseJsonBody(call.bodyText)) };
        case "api_get_authorizer_info":
          return { ...platforms.authorizerInfo(caller, parseJsonBody(call.bodyText)) };
      }

      const account = ruleAccount(state, caller);
      limiter.hit(account);
      const body = parseJsonBody(call.bodyText);
      switch (call.endpoint) {
        case "qrcodejumpadd":
          await rules.add(account, body);
          break;
        case "qrcodejumpdelete":
          rules.remove(account, body);
          break;
        case "qrcodejumppublish":
          rules.publish(account, body);
          break;
        case "qrcodejumpget":
          return { ...rules.get(account, body) };
        case "qrcodejumpdownload":
          return { ...rules.download(account, body) };
      }
      return { errcode: 0, errmsg: "ok" };
    } catch (error) {
      if (error instanceof WeChatFailure) return { errcode: error.errcode, errmsg: error.message };
      logError(error);
      return { errcode: -1, errmsg: errmsgFor(-1) };
    }
  }

  /** rid/get takes any token of the account (own or authorizer; a platform's for its own calls). */
  function lookupRid(appid: string, body: Payload): Payload {
    const rid = body.rid;
    if (typeof rid !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/.test(rid)) fail(76002);
    const record = state.findRid(rid) ?? fail(76001);
    if (record.appid !== appid) fail(76003);
    return {
      errcode: 0,
      errmsg: "ok",
      request: {
        invoke_time: Math.floor(record.at / 1000),
        cost_in_ms: record.costMs,
        request_url: record.requestUrl,
        request_body: record.requestBody,
        response_body: record.responseBody,
        client_ip: record.clientIp,
      },
    };
  }

  async function weChat(
    req: IncomingMessage,
    res: ServerResponse,
    endpoint: Endpoint,
    search: string,
  ): Promise<void> {
    const call: CallContext = {
      endpoint,
      search,
      started: Date.now(),
      appid: null,
      bodyText: "",
      bodyTooLarge: false,
    };
    // The whole request is read first: once it has arrived, WeChat carries it out even if the
    // client gives up waiting (a delay fault then shows what a client timeout really means).
    try {
      call.bodyText = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) return; // the client went away: nobody to answer
      call.bodyTooLarge = true;
    }
    const fault = faults.take(endpoint);
    if (fault?.mode === "delay") await sleep(fault.delayMs);
    if (fault?.mode === "late") {
      // WeChat still at work after the caller's deadline: the change lands, the answer comes later.
      await sleep(Math.max(0, fault.applyAfterMs - (Date.now() - call.started)));
      const payload = await carryOut(req, call);
      await sleep(Math.max(0, fault.delayMs - (Date.now() - call.started)));
      answer(req, res, call, payload, `${fault.mode}#${fault.id}`);
      return;
    }
    const injected = fault && fault.mode !== "delay" ? fault : null;
    if (injected && !injected.apply) {
      // The rid of an injected answer belongs to the caller's account, as WeChat's would.
      call.appid = callerOf(call);
      inject(req, res, call, injected);
      return;
    }
    const payload = await carryOut(req, call);
    // The rest of an oversized body may still be on its way: that connection is not reused.
    if (call.bodyTooLarge) res.setHeader("connection", "close");
    if (injected) inject(req, res, call, injected);
    else answer(req, res, call, payload);
  }

  const server = createServer((req, res) => {
    const raw = req.url ?? "/";
    const mark = raw.indexOf("?");
    const pathname = mark === -1 ? raw : raw.slice(0, mark);
    const search = mark === -1 ? "" : raw.slice(mark + 1);
    const endpoint = ROUTES[pathname];

    const task = endpoint
      ? weChat(req, res, endpoint, search)
      : pathname === LOGIN_PAGE_PATH
        ? handleLoginPage(world, req, res, search)
        : pathname.startsWith("/__sandbox/")
          ? handleControl(world, req, res, pathname)
          : Promise.resolve().then(() => {
              sendJson(res, 404, { errcode: 40066, errmsg: `${errmsgFor(40066)} rid: ${state.newRid()}` });
            });
    task.catch((error: unknown) => {
      logError(error);
      if (!res.headersSent)
        sendJson(res, 500, { errcode: -1, errmsg: `${errmsgFor(-1)} rid: ${state.newRid()}` });
      else res.destroy();
    });
  });
  server.on("close", () => {
    clearInterval(ticketTimer);
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  });
  return server;
}

/** Starts the sandbox; `port: 0` (the default) picks a free port. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const world = new SandboxWorld();
  world.reset(options.fixture === "empty" ? { accounts: [] } : DEMO_FIXTURE);
  const server = createSandboxServer(world, options);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const reachable =
    host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${reachable}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
