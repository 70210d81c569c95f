/**
 * Third-party platforms (REFERENCE §5): the component_verify_ticket, the component endpoints
 * (`/cgi-bin/component/…`), pre-authorization and authorization codes, the merchants'
 * authorizations, and which token may call the qrcodejump family for which account.
 */
import { z } from "zod";

import {
  type AuthorizerInfoAnswer,
  type AuthorizerTokenAnswer,
  type ComponentTokenAnswer,
  type FuncInfo,
  PERMISSION_SET,
  type PreAuthCodeAnswer,
  type QueryAuthAnswer,
  authorizerInfoRequest,
  authorizerTokenRequest,
  preAuthCodeRequest,
  queryAuthRequest,
} from "../lib/wechat/types";
import { fail, parseBody } from "./errors";
import { pushEvent } from "./push";
import {
  type Account,
  type Authorization,
  type Platform,
  type PushRecord,
  type SandboxState,
  opaqueCode,
} from "./state";
import type { Caller, TokenService } from "./tokens";

/** A pushed ticket lives 12 hours (WeChat's docs); only the latest one is accepted. */
export const TICKET_TTL_S = 12 * 3600;
/** WeChat pushes a ticket every 10 minutes. */
export const TICKET_INTERVAL_S = 600;
/** The docs' example answers 600 (their text says 1800): the shorter one. */
export const PRE_AUTH_CODE_TTL_S = 600;
/** The redirect's `expires_in` and the event's AuthorizationCodeExpiredTime, as WeChat sends them. */
export const AUTH_CODE_TTL_S = 3600;

/** Refused by the merchant-side flow (the authorization page, the control API): a message for a person. */
export class ConsentError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface PreAuthCode {
  component: string;
  expiresAt: number;
  used: boolean;
}

interface AuthCode {
  component: string;
  appid: string;
  expiresAt: number;
  used: boolean;
  /** The merchant cancelled after this code was given. */
  revoked?: boolean;
}

export interface Consent {
  infoType: "authorized" | "updateauthorized";
  authCode: string;
  expiresIn: number;
  preAuthCode: string;
  appid: string;
}

// Looser than lib/wechat/types' componentTokenRequest: a missing field has its own errcode here.
const componentTokenBody = z.object({
  component_appid: z.string().optional(),
  component_appsecret: z.string().optional(),
  component_verify_ticket: z.string().optional(),
});

const funcInfoOf = (sets: Iterable<number>): FuncInfo =>
  [...sets].sort((a, b) => a - b).map((id) => ({ funcscope_category: { id } }));

/**
 * The account a qrcodejump call acts on, or WeChat's refusal: a component_access_token is the
 * wrong kind (48001), so is a Mini Program's own token unless the account takes it (48001), and an
 * authorizer_access_token needs the permission set of the account's rules (61007: 18 for a Mini
 * Program, 3 for a Service Account).
 */
export function ruleAccount(state: SandboxState, caller: Caller): Account {
  if (caller.kind === "component") fail(48001);
  const { account } = caller;
  if (caller.kind === "own") {
    if (account.ownToken === "refused") fail(48001);
    return account;
  }
  const grant = state.platforms.get(caller.component)?.authorizations.get(account.appid) ?? fail(40001);
  const needed =
    account.kind === "miniprogram" ? PERMISSION_SET.miniProgramDevelopment : PERMISSION_SET.accountServices;
  if (!grant.sets.has(needed)) fail(61007);
  return account;
}

export class PlatformService {
  private preAuthCodes = new Map<string, PreAuthCode>();
  private authCodes = new Map<string, AuthCode>();

  constructor(
    private readonly state: SandboxState,
    private readonly tokens: TokenService,
  ) {}

  clear(): void {
    this.preAuthCodes.clear();
    this.authCodes.clear();
  }

  /** The platform a control call means: the one named, or the only one. */
  platformFor(appid: string | undefined): Platform {
    if (appid) {
      return this.state.platforms.get(appid) ?? throwConsent(404, `no platform ${appid}`);
    }
    const [only, ...more] = this.state.platforms.values();
    if (!only) throw new ConsentError(404, "the sandbox has no platform: give one in the reset");
    if (more.length > 0) throw new ConsentError(400, "several platforms: name one with component_appid");
    return only;
  }

  // --- the ticket and the pushes ----------------------------------------------------------------

  /** A new component_verify_ticket: from now on the only one api_component_token accepts. */
  newTicket(platform: Platform): string {
    const value = opaqueCode("ticket");
    platform.ticket = { value, issuedAt: this.state.now() };
    return value;
  }

  /** Issues a ticket and pushes it, as WeChat does every 10 minutes. */
  async pushTicket(platform: Platform): Promise<{ ticket: string; delivery: PushRecord }> {
    const ticket = this.newTicket(platform);
    const delivery = await pushEvent(this.state, platform, {
      AppId: platform.appid,
      CreateTime: Math.floor(this.state.now() / 1000),
      InfoType: "component_verify_ticket",
      ComponentVerifyTicket: ticket,
    });
    return { ticket, delivery };
  }

  /** Pushes the ticket of every platform with `autoTicket` whose 10 minutes (sandbox time) are up. */
  tick(): void {
    const now = this.state.now();
    for (const platform of this.state.platforms.values()) {
      if (!platform.autoTicket || !platform.eventUrl) continue;
      if (now - platform.lastTimedTicketAt < TICKET_INTERVAL_S * 1000) continue;
      this.startTimedTickets(platform);
    }
  }

  /** Pushes a ticket now and counts the next 10 minutes from here. */
  startTimedTickets(platform: Platform): void {
    platform.lastTimedTicketAt = this.state.now();
    // Outcome logged on the platform; nobody waits for a timed push.
    void this.pushTicket(platform);
  }

  pushAuthorization(platform: Platform, consent: Consent): Promise<PushRecord> {
    return pushEvent(this.state, platform, {
      AppId: platform.appid,
      CreateTime: Math.floor(this.state.now() / 1000),
      InfoType: consent.infoType,
      AuthorizerAppid: consent.appid,
      AuthorizationCode: consent.authCode,
      AuthorizationCodeExpiredTime: Math.floor(this.state.now() / 1000) + consent.expiresIn,
      PreAuthCode: consent.preAuthCode,
    });
  }

  pushUnauthorization(platform: Platform, appid: string): Promise<PushRecord> {
    return pushEvent(this.state, platform, {
      AppId: platform.appid,
      CreateTime: Math.floor(this.state.now() / 1000),
      InfoType: "unauthorized",
      AuthorizerAppid: appid,
    });
  }

  // --- the merchant's side ----------------------------------------------------------------------

  /** The pre-authorization code of an authorization page, or why the page refuses it. */
  checkPreAuthCode(platform: Platform, code: string): void {
    const entry = this.preAuthCodes.get(code);
    if (!entry || entry.component !== platform.appid)
      throw new ConsentError(400, "This authorization link is not valid (unknown pre_auth_code).");
    if (entry.used) throw new ConsentError(400, "This authorization link has already been used.");
    if (entry.expiresAt <= this.state.now())
      throw new ConsentError(
        400,
        "This authorization link has expired (pre_auth_code older than 10 minutes).",
      );
  }

  /**
   * The merchant admin authorizes `platform` for `appid` with `sets`: a first authorization or an
   * update. The previous refresh token stops working; the authorization code is good for one
   * api_query_auth within the hour.
   */
  consent(platform: Platform, appid: string, sets: readonly number[], preAuthCode?: string): Consent {
    if (!this.state.accounts.has(appid)) throw new ConsentError(404, `no account ${appid}`);
    if (sets.length === 0) throw new ConsentError(400, "Choose at least one permission set.");
    for (const set of sets) {
      const holder = this.state.exclusiveHolder(appid, set, platform.appid);
      if (holder)
        throw new ConsentError(
          409,
          `Permission set ${set} is exclusive and this account has granted it to another platform (${holder.appid}): cancel that authorization first.`,
        );
    }
    if (preAuthCode !== undefined) {
      this.checkPreAuthCode(platform, preAuthCode);
      const entry = this.preAuthCodes.get(preAuthCode);
      if (entry) entry.used = true;
    }
    const now = this.state.now();
    const infoType = platform.authorizations.has(appid) ? "updateauthorized" : "authorized";
    const grant: Authorization = {
      appid,
      sets: new Set(sets),
      refreshToken: opaqueCode("refreshtoken", 32),
      authorizedAt: now,
    };
    platform.authorizations.set(appid, grant);
    const authCode = opaqueCode("queryauthcode");
    this.authCodes.set(authCode, {
      component: platform.appid,
      appid,
      expiresAt: now + AUTH_CODE_TTL_S * 1000,
      used: false,
    });
    this.prune(now);
    return {
      infoType,
      authCode,
      expiresIn: AUTH_CODE_TTL_S,
      preAuthCode: preAuthCode ?? opaqueCode("preauthcode"),
      appid,
    };
  }

  /** The merchant cancels: tokens, refresh token and unused codes of this authorization stop working. */
  revoke(platform: Platform, appid: string): void {
    if (!platform.authorizations.delete(appid))
      throw new ConsentError(400, `${appid} has not authorized ${platform.appid}`);
    this.tokens.revokeAuthorizer(platform.appid, appid);
    for (const entry of this.authCodes.values())
      if (entry.component === platform.appid && entry.appid === appid) entry.revoked = true;
  }

  private prune(now: number): void {
    if (this.authCodes.size + this.preAuthCodes.size < 10_000) return;
    for (const [code, entry] of this.authCodes) if (entry.expiresAt < now) this.authCodes.delete(code);
    for (const [code, entry] of this.preAuthCodes) if (entry.expiresAt < now) this.preAuthCodes.delete(code);
  }

  // --- the component endpoints ------------------------------------------------------------------

  /** The platform a component call is made for: its own token, and its own appid in the body (61011). */
  private own(caller: Caller, componentAppid: string): Platform {
    if (caller.kind !== "component") fail(48001);
    if (componentAppid !== caller.platform.appid) fail(61011);
    return caller.platform;
  }

  /** `api_component_token`: the platform's credentials and the latest ticket it was pushed. */
  componentToken(body: unknown, clientIp: string): ComponentTokenAnswer {
    const input = parseBody(componentTokenBody, body);
    if (!input.component_appid) fail(41002);
    if (!input.component_appsecret) fail(41004);
    const platform = this.state.platforms.get(input.component_appid) ?? fail(61011);
    if (platform.ipWhitelist.size > 0 && !platform.ipWhitelist.has(clientIp)) fail(61004);
    if (platform.secret !== input.component_appsecret) fail(40125);
    const ticket = platform.ticket;
    if (!ticket || !input.component_verify_ticket || input.component_verify_ticket !== ticket.value)
      fail(61006);
    if (ticket.issuedAt + TICKET_TTL_S * 1000 <= this.state.now()) fail(61005);
    const issued = this.tokens.issueDerived("component", platform.appid);
    return { component_access_token: issued.access_token, expires_in: issued.expires_in };
  }

  createPreAuthCode(caller: Caller, body: unknown): PreAuthCodeAnswer {
    const platform = this.own(caller, parseBody(preAuthCodeRequest, body).component_appid);
    const code = opaqueCode("preauthcode");
    this.preAuthCodes.set(code, {
      component: platform.appid,
      expiresAt: this.state.now() + PRE_AUTH_CODE_TTL_S * 1000,
      used: false,
    });
    this.prune(this.state.now());
    return { pre_auth_code: code, expires_in: PRE_AUTH_CODE_TTL_S };
  }

  /** `api_query_auth`: an authorization code, once (61010 after), for the authorizer's tokens. */
  queryAuth(caller: Caller, body: unknown): QueryAuthAnswer {
    const input = parseBody(queryAuthRequest, body);
    const platform = this.own(caller, input.component_appid);
    const code = this.authCodes.get(input.authorization_code);
    if (!code || code.component !== platform.appid) fail(61009);
    if (code.used || code.expiresAt <= this.state.now()) fail(61010);
    if (code.revoked) fail(61003);
    code.used = true;
    const grant = platform.authorizations.get(code.appid) ?? fail(61003);
    const issued = this.tokens.issueDerived("authorizer", code.appid, platform.appid);
    return {
      authorization_info: {
        authorizer_appid: code.appid,
        authorizer_access_token: issued.access_token,
        expires_in: issued.expires_in,
        authorizer_refresh_token: grant.refreshToken,
        func_info: funcInfoOf(grant.sets),
      },
    };
  }

  /** `api_authorizer_token`: a new authorizer_access_token for the refresh token (the same refresh token back). */
  authorizerToken(caller: Caller, body: unknown): AuthorizerTokenAnswer {
    const input = parseBody(authorizerTokenRequest, body);
    const platform = this.own(caller, input.component_appid);
    const grant = platform.authorizations.get(input.authorizer_appid) ?? fail(61003);
    if (grant.refreshToken !== input.authorizer_refresh_token) fail(61023);
    const issued = this.tokens.issueDerived("authorizer", grant.appid, platform.appid);
    return {
      authorizer_access_token: issued.access_token,
      expires_in: issued.expires_in,
      authorizer_refresh_token: grant.refreshToken,
    };
  }

  /** `api_get_authorizer_info`: the merchant's name, kind, verification and the sets it granted. */
  authorizerInfo(caller: Caller, body: unknown): AuthorizerInfoAnswer {
    const input = parseBody(authorizerInfoRequest, body);
    const platform = this.own(caller, input.component_appid);
    const grant = platform.authorizations.get(input.authorizer_appid) ?? fail(61003);
    const account = this.state.accounts.get(grant.appid) ?? fail(61003);
    return {
      authorizer_info: {
        nick_name: account.name,
        head_img: "",
        // WeChat's kinds: 2 a Service Account; 0 an ordinary Mini Program (told apart by MiniProgramInfo).
        service_type_info:
          account.kind === "miniprogram" ? { id: 0, name: "普通小程序" } : { id: 2, name: "服务号" },
        verify_type_info: account.verified ? { id: 0, name: "微信认证" } : { id: -1, name: "未认证" },
        user_name: `gh_${account.appid.slice(-12)}`,
        principal_name: account.personal ? "个人" : account.principalName,
        alias: "",
        qrcode_url: "",
        signature: "",
        account_status: 1,
        business_info: { open_pay: 0, open_shake: 0, open_scan: 0, open_card: 0, open_store: 0 },
        ...(account.kind === "miniprogram"
          ? {
              MiniProgramInfo: {
                network: {
                  RequestDomain: [],
                  WsRequestDomain: [],
                  UploadDomain: [],
                  DownloadDomain: [],
                  UDPDomain: [],
                },
                categories: [],
                visit_status: 0,
              },
            }
          : {}),
      },
      authorization_info: {
        authorizer_appid: grant.appid,
        authorizer_refresh_token: grant.refreshToken,
        func_info: funcInfoOf(grant.sets),
      },
    };
  }
}

function throwConsent(status: number, message: string): never {
  throw new ConsentError(status, message);
}
