import "server-only";

import {
  type AuthorizerInfoAnswer as AuthorizerInfo,
  type AuthorizerInfoRequest,
  type PreAuthCodeRequest,
  type QueryAuthAnswer,
  type QueryAuthRequest,
  authorizerInfoAnswer,
  preAuthCodeAnswer,
  queryAuthAnswer,
} from "@/lib/wechat/types";

import type { WeChatClient } from "./client";
import type { CallContext } from "./types";

/**
 * The calls a third-party platform makes for itself with its component_access_token: pre-auth codes for
 * authorization links, and what a merchant's authorization granted. The authorizer's own calls (rules) go
 * through AccountClient like any account's.
 */
export class PlatformClient {
  constructor(
    private readonly client: WeChatClient,
    private readonly context: CallContext,
  ) {}

  /** A pre-auth code for one authorization link (WeChat: valid 1,800 s). */
  async createPreAuthCode(): Promise<{ componentAppid: string; preAuthCode: string; expiresIn: number }> {
    const componentAppid = await this.client.tokens.componentAppid();
    const answer = await this.client.callComponent(this.context, {
      operation: "api_create_preauthcode",
      path: "/cgi-bin/component/api_create_preauthcode",
      body: { component_appid: componentAppid } satisfies PreAuthCodeRequest,
      schema: preAuthCodeAnswer,
      throttled: false,
      recordAnswer: (json) => ({ expires_in: json.expires_in }),
    });
    return { componentAppid, preAuthCode: answer.pre_auth_code, expiresIn: answer.expires_in };
  }

  /** What the merchant granted with `authCode`: the authorizer, its tokens and its permission sets. */
  async queryAuth(authCode: string): Promise<QueryAuthAnswer["authorization_info"]> {
    const componentAppid = await this.client.tokens.componentAppid();
    const answer = await this.client.callComponent(this.context, {
      operation: "api_query_auth",
      path: "/cgi-bin/component/api_query_auth",
      body: { component_appid: componentAppid, authorization_code: authCode } satisfies QueryAuthRequest,
      loggedBody: { component_appid: componentAppid, authorization_code: "[redacted]" },
      schema: queryAuthAnswer,
      throttled: false,
      recordAnswer: (json) => {
        const info = (json.authorization_info ?? {}) as Record<string, unknown>;
        return {
          authorization_info: {
            authorizer_appid: info.authorizer_appid,
            expires_in: info.expires_in,
            func_info: info.func_info,
          },
        };
      },
    });
    return answer.authorization_info;
  }

  /** The authorizer's name, kind, verification and the permission sets it granted now. */
  async authorizerInfo(authorizerAppid: string): Promise<AuthorizerInfo> {
    const componentAppid = await this.client.tokens.componentAppid();
    return this.client.callComponent(this.context, {
      operation: "api_get_authorizer_info",
      path: "/cgi-bin/component/api_get_authorizer_info",
      body: {
        component_appid: componentAppid,
        authorizer_appid: authorizerAppid,
      } satisfies AuthorizerInfoRequest,
      schema: authorizerInfoAnswer,
      throttled: false,
      recordAnswer: (json) => {
        const info = (json.authorization_info ?? {}) as Record<string, unknown>;
        return {
          authorizer_info: json.authorizer_info,
          authorization_info: { authorizer_appid: info.authorizer_appid, func_info: info.func_info },
        };
      },
    });
  }
}
