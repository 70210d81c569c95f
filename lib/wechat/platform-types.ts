/**
 * The wire contract of WeChat's third-party platform (service provider) API, `/cgi-bin/component/…`: the
 * request bodies and answers of the calls the product makes for a platform and its authorized merchants,
 * each a zod schema, as in `types.ts`. The client builds its bodies to `satisfies` the request types and
 * parses every answer with the answer schemas; the sandbox parses what it receives with the request schemas.
 * Browser-safe.
 */
import { z } from "zod";

/** `POST /cgi-bin/component/api_component_token`: the platform's own token, from the latest ticket. */
export const componentTokenRequest = z.object({
  component_appid: z.string(),
  component_appsecret: z.string(),
  component_verify_ticket: z.string(),
});

/** `POST /cgi-bin/component/api_create_preauthcode?component_access_token=…`. */
export const preAuthCodeRequest = z.object({ component_appid: z.string() });

/** `POST /cgi-bin/component/api_query_auth?component_access_token=…`: what an auth_code grants. */
export const queryAuthRequest = z.object({ component_appid: z.string(), authorization_code: z.string() });

/** `POST /cgi-bin/component/api_authorizer_token?component_access_token=…`: renews an authorizer token. */
export const authorizerTokenRequest = z.object({
  component_appid: z.string(),
  authorizer_appid: z.string(),
  authorizer_refresh_token: z.string(),
});

/** `POST /cgi-bin/component/api_get_authorizer_info?component_access_token=…`. */
export const authorizerInfoRequest = z.object({ component_appid: z.string(), authorizer_appid: z.string() });

export type ComponentTokenRequest = z.input<typeof componentTokenRequest>;
export type PreAuthCodeRequest = z.input<typeof preAuthCodeRequest>;
export type QueryAuthRequest = z.input<typeof queryAuthRequest>;
export type AuthorizerTokenRequest = z.input<typeof authorizerTokenRequest>;
export type AuthorizerInfoRequest = z.input<typeof authorizerInfoRequest>;

export const componentTokenAnswer = z.object({
  component_access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

export const preAuthCodeAnswer = z.object({
  pre_auth_code: z.string().min(1),
  expires_in: z.number().int().positive(),
});

/** One permission set granted: `{funcscope_category: {id}}` (WeChat adds more fields for some sets). */
const funcInfo = z.array(z.object({ funcscope_category: z.object({ id: z.number().int() }) }));

export const queryAuthAnswer = z.object({
  authorization_info: z.object({
    authorizer_appid: z.string().min(1),
    authorizer_access_token: z.string().min(1),
    expires_in: z.number().int().positive(),
    authorizer_refresh_token: z.string().min(1),
    func_info: funcInfo,
  }),
});

export const authorizerTokenAnswer = z.object({
  authorizer_access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  /** WeChat may hand out a new refresh token; the one sent stays valid when it does not. */
  authorizer_refresh_token: z.string().min(1).optional(),
});

export const authorizerInfoAnswer = z.object({
  authorizer_info: z.object({
    nick_name: z.string(),
    /** Service Accounts: 0 subscription, 1 upgraded subscription, 2 service account; Mini Programs: 0. */
    service_type_info: z.object({ id: z.number().int() }),
    /** -1 not verified; 0 and up: verified (by WeChat, or through another route). */
    verify_type_info: z.object({ id: z.number().int() }),
    principal_name: z.string().optional(),
    /** Present for a Mini Program, absent for a Service Account. */
    MiniProgramInfo: z.object({}).loose().optional(),
  }),
  authorization_info: z.object({
    authorizer_appid: z.string().min(1),
    func_info: funcInfo.default([]),
  }),
});

export type ComponentTokenAnswer = z.output<typeof componentTokenAnswer>;
export type PreAuthCodeAnswer = z.output<typeof preAuthCodeAnswer>;
export type QueryAuthAnswer = z.output<typeof queryAuthAnswer>;
export type AuthorizerTokenAnswer = z.output<typeof authorizerTokenAnswer>;
export type AuthorizerInfoAnswer = z.output<typeof authorizerInfoAnswer>;
/** What api_get_authorizer_info says of an authorizer. */
export type AuthorizerInfo = AuthorizerInfoAnswer;

/** The permission-set ids of a func_info list, sorted, each once. */
export function permissionSetIds(info: z.output<typeof funcInfo>): number[] {
  return [...new Set(info.map((item) => item.funcscope_category.id))].sort((a, b) => a - b);
}

/** auth_type of an authorization link: which accounts the merchant's admin may pick. */
export const AUTH_TYPES = { officialaccount: 1, miniprogram: 2, both: 3 } as const;
export type AuthTypeName = keyof typeof AUTH_TYPES;
