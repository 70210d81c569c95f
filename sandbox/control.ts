/**
 * The control API under `/__sandbox/`, for tests and demos. It has no
 * authentication: the sandbox listens on loopback unless told otherwise.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { z } from "zod";

import { DEMO_FIXTURE } from "./fixtures/demo";
import { BodyTooLarge, MAX_CONTROL_BODY_BYTES, readBody, sendJson } from "./http";
import { ConsentError } from "./platform";
import { SeedError } from "./state";
import {
  accountPatch,
  accountSeed,
  clockRequest,
  eventPushRequest,
  faultRequest,
  platformPatch,
  resetRequest,
  ticketPushRequest,
} from "./types";
import type { SandboxWorld } from "./world";

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req, MAX_CONTROL_BODY_BYTES);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ControlError(400, "the body is not JSON");
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ControlError(400, z.prettifyError(result.error));
  return result.data;
}

export async function handleControl(
  world: SandboxWorld,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const method = req.method ?? "GET";
  const route = pathname.replace(/\/+$/, "");
  try {
    if (route === "/__sandbox/health" && method === "GET") {
      sendJson(res, 200, { ok: true });
    } else if (route === "/__sandbox/reset" && method === "POST") {
      const input = parse(resetRequest, await jsonBody(req));
      const seed = "fixture" in input ? (input.fixture === "demo" ? DEMO_FIXTURE : { accounts: [] }) : input;
      try {
        world.reset(seed);
      } catch (error) {
        if (error instanceof z.ZodError) throw new ControlError(400, z.prettifyError(error));
        if (error instanceof SeedError) throw new ControlError(400, error.message);
        throw error;
      }
      sendJson(res, 200, { ok: true, accounts: world.state.accounts.size });
    } else if (route === "/__sandbox/state" && method === "GET") {
      sendJson(res, 200, world.snapshot());
    } else if (route === "/__sandbox/faults" && method === "GET") {
      sendJson(res, 200, { faults: world.faults.list() });
    } else if (route === "/__sandbox/faults" && method === "POST") {
      const fault = world.faults.add(parse(faultRequest, await jsonBody(req)));
      sendJson(res, 200, { ok: true, fault, faults: world.faults.list() });
    } else if (
      (route === "/__sandbox/faults" && method === "DELETE") ||
      (route === "/__sandbox/faults/clear" && method === "POST")
    ) {
      world.faults.clear();
      sendJson(res, 200, { ok: true, faults: [] });
    } else if (route === "/__sandbox/clock" && method === "GET") {
      sendJson(res, 200, clock(world));
    } else if (route === "/__sandbox/clock" && method === "POST") {
      world.state.advanceClock(parse(clockRequest, await jsonBody(req)).advanceSeconds);
      world.platforms.tick();
      sendJson(res, 200, { ok: true, ...clock(world) });
    } else if (route === "/__sandbox/accounts" && method === "POST") {
      // A new account beside the others, as when a merchant registers another Mini Program.
      const added = world.state.addAccount(parse(accountSeed, await jsonBody(req)));
      if (!added) throw new ControlError(409, "an account with this AppID exists");
      sendJson(res, 200, { ok: true, accounts: world.state.accounts.size });
    } else if (route.startsWith("/__sandbox/accounts/") && method === "PATCH") {
      const appid = decodeURIComponent(route.slice("/__sandbox/accounts/".length));
      const account = world.state.patchAccount(appid, parse(accountPatch, await jsonBody(req)));
      if (!account) throw new ControlError(404, `no account ${appid}`);
      sendJson(res, 200, { ok: true });
    } else if (route.startsWith("/__sandbox/platforms/") && method === "PATCH") {
      const appid = decodeURIComponent(route.slice("/__sandbox/platforms/".length));
      const patch = parse(platformPatch, await jsonBody(req));
      const platform = world.state.patchPlatform(appid, patch);
      if (!platform) throw new ControlError(404, `no platform ${appid}`);
      // Switching the timer on, or giving it a URL, pushes a ticket at once.
      if ((patch.autoTicket === true || patch.eventUrl) && platform.autoTicket && platform.eventUrl)
        world.platforms.startTimedTickets(platform);
      sendJson(res, 200, { ok: true });
    } else if (route === "/__sandbox/platform/ticket" && method === "POST") {
      const input = parse(ticketPushRequest, await jsonBody(req));
      const platform = world.platforms.platformFor(input.component_appid);
      const { ticket, delivery } = await world.platforms.pushTicket(platform);
      sendJson(res, 200, { ok: true, component_appid: platform.appid, ticket, delivery });
    } else if (route === "/__sandbox/platform/events" && method === "POST") {
      await pushMerchantEvent(world, res, parse(eventPushRequest, await jsonBody(req)));
    } else {
      throw new ControlError(404, `no control route ${method} ${route}`);
    }
  } catch (error) {
    if (error instanceof ControlError || error instanceof ConsentError)
      sendJson(res, error.status, { error: error.message });
    else if (error instanceof BodyTooLarge)
      sendJson(res, 413, { error: "the body is over 16 MB" }, { connection: "close" });
    else throw error;
  }
}

/** A merchant admin's own action (authorize, change the sets, cancel), then the event WeChat pushes for it. */
async function pushMerchantEvent(
  world: SandboxWorld,
  res: ServerResponse,
  input: z.output<typeof eventPushRequest>,
): Promise<void> {
  const platform = world.platforms.platformFor(input.component_appid);
  const authorized = platform.authorizations.has(input.authorizer_appid);
  if (input.type === "unauthorized") {
    world.platforms.revoke(platform, input.authorizer_appid);
    const delivery = await world.platforms.pushUnauthorization(platform, input.authorizer_appid);
    sendJson(res, 200, { ok: true, delivery });
    return;
  }
  if (input.type === "authorized" && authorized)
    throw new ControlError(400, `${input.authorizer_appid} has already authorized: push updateauthorized`);
  if (input.type === "updateauthorized" && !authorized)
    throw new ControlError(400, `${input.authorizer_appid} has not authorized yet: push authorized`);
  const consent = world.platforms.consent(
    platform,
    input.authorizer_appid,
    input.permissionSets ?? platform.permissionSets,
  );
  const delivery = await world.platforms.pushAuthorization(platform, consent);
  sendJson(res, 200, {
    ok: true,
    auth_code: consent.authCode,
    expires_in: consent.expiresIn,
    delivery,
  });
}

function clock(world: SandboxWorld): { now: string; offsetSeconds: number } {
  const now = world.state.now();
  return { now: new Date(now).toISOString(), offsetSeconds: Math.round((now - Date.now()) / 1000) };
}
