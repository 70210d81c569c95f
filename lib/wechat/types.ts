/**
 * The WeChat wire contract: the bodies of the token and qrcodejump requests and
 * the answers to them, each defined once as a zod schema. The product's client
 * builds its bodies to `satisfies` the request types and parses every answer
 * with the answer schemas; the sandbox parses what it receives with the request
 * schemas and types what it sends by the answer types. Browser-safe.
 */
import { z } from "zod";

import { MAX_TEST_LINKS } from "./match";

export const MAX_PREFIX_LIST = 200;
export const MAX_PAGE_SIZE = 200;
/** get_type 0 answers at most this many of the latest rules. */
export const GET_TYPE_0_LIMIT = 10_000;

const permitSubRule = z.literal([1, 2]);
const openVersion = z.literal([1, 2, 3]);
const isEdit = z.literal([0, 1]);
const ruleState = z.literal([1, 2]);

/** `POST /cgi-bin/stable_token`. */
export const stableTokenRequest = z.object({
  grant_type: z.string(),
  appid: z.string(),
  secret: z.string(),
  force_refresh: z.boolean().optional(),
});

/** `qrcodejumpadd` with a Mini Program's token: an ordinary-link QR code rule. */
export const addTypeARequest = z.object({
  prefix: z.string(),
  permit_sub_rule: permitSubRule,
  path: z.string(),
  open_version: openVersion,
  debug_url: z.array(z.string()).max(MAX_TEST_LINKS).optional(),
  is_edit: isEdit,
});

/** `qrcodejumpadd` with a Service Account's token: a Service Account QR code opens Mini Program `appid`. */
export const addTypeBRequest = z.object({
  prefix: z.string(),
  appid: z.string(),
  path: z.string(),
  is_edit: isEdit,
});

export const deleteTypeARequest = z.object({ prefix: z.string() });
export const deleteTypeBRequest = z.object({ prefix: z.string(), appid: z.string() });
export const publishRequest = z.object({ prefix: z.string() });

/** `qrcodejumpget` with a Service Account's token (with a Mini Program's, the body is `{}`). */
export const getTypeBRequest = z.object({
  appid: z.string(),
  /** 0: the latest 10,000; 1: by `prefix_list`; 2: a page. */
  get_type: z.literal([0, 1, 2]),
  prefix_list: z.array(z.string()).min(1).max(MAX_PREFIX_LIST).optional(),
  page_num: z.number().int().min(1).optional(),
  page_size: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});

export const ridGetRequest = z.object({ rid: z.string() });

export type StableTokenRequest = z.input<typeof stableTokenRequest>;
export type AddTypeARequest = z.input<typeof addTypeARequest>;
export type AddTypeBRequest = z.input<typeof addTypeBRequest>;
export type DeleteTypeARequest = z.input<typeof deleteTypeARequest>;
export type DeleteTypeBRequest = z.input<typeof deleteTypeBRequest>;
export type PublishRequest = z.input<typeof publishRequest>;
export type GetTypeBRequest = z.input<typeof getTypeBRequest>;

export type RidGetRequest = z.input<typeof ridGetRequest>;

/** The fields every success answer carries; the client checks `errcode` before it parses the rest. */
export type Success<T> = { errcode: 0; errmsg: "ok" } & T;

/** `/cgi-bin/token` and `/cgi-bin/stable_token`. */
export const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

/** A change (`qrcodejumpadd`, `qrcodejumpdelete`, `qrcodejumppublish`): nothing but success. */
export const okAnswer = z.object({ errcode: z.literal(0).optional() });

/** A type-A rule as `qrcodejumpget` lists it. */
export const typeARule = z.object({
  prefix: z.string(),
  permit_sub_rule: permitSubRule,
  path: z.string(),
  open_version: openVersion,
  // The one field WeChat leaves out (for a rule without test links) rather than sending empty.
  debug_url: z.array(z.string()).default([]),
  /** 1 unpublished, 2 published. */
  state: ruleState,
});

/** A type-B rule as `qrcodejumpget` lists it. */
export const typeBRule = z.object({ prefix: z.string(), path: z.string(), state: ruleState });

// Required, every one: a success answer without them is malformed, not an empty account. Defaults
// here once turned `{"errcode":0}` into "no rules, no publishes left" and emptied the mirror.
const listCommon = {
  /** 1 when the feature is switched on. */
  qrcodejump_open: z.number().int(),
  /** Publishes left this month. */
  qrcodejump_pub_quota: z.number().int(),
  /** How many rules this answer lists. */
  list_size: z.number().int(),
};

/** `qrcodejumpget` with a Mini Program's token. */
export const typeAListAnswer = z.object({ rule_list: z.array(typeARule), ...listCommon });

/** `qrcodejumpget` with a Service Account's token. */
export const typeBListAnswer = z.object({
  rule_list: z.array(typeBRule),
  /** All rules of that Mini Program, for paging. */
  total_count: z.number().int(),
  ...listCommon,
});

/** `qrcodejumpdownload`. */
export const verificationFileAnswer = z.object({ file_name: z.string().min(1), file_content: z.string() });

/** `POST /cgi-bin/openapi/rid/get`: what WeChat saw of a failed call. */
export const ridAnswer = z.object({
  request: z.object({
    /** Unix seconds. */
    invoke_time: z.number().optional(),
    cost_in_ms: z.number().optional(),
    /** The query string, with the access_token (or AppSecret) masked. */
    request_url: z.string().optional(),
    request_body: z.string().optional(),
    response_body: z.string().optional(),
    client_ip: z.string().optional(),
  }),
});

export type TypeARule = z.output<typeof typeARule>;
export type TypeBRule = z.output<typeof typeBRule>;
export type TokenAnswer = z.output<typeof tokenAnswer>;
export type TypeAList = z.output<typeof typeAListAnswer>;
export type TypeBList = z.output<typeof typeBListAnswer>;
export type VerificationFile = z.output<typeof verificationFileAnswer>;
export type RidRecord = z.output<typeof ridAnswer>["request"];
export type TypeAListAnswer = Success<TypeAList>;
export type TypeBListAnswer = Success<TypeBList>;
export type VerificationFileAnswer = Success<VerificationFile>;
export type RidAnswer = Success<z.output<typeof ridAnswer>>;

export interface WeChatError {
  errcode: number;
  /** Ends with ` rid: xxxxxxxx-xxxxxxxx-xxxxxxxx` for every error. */
  errmsg: string;
}

// --- Third-party platforms (开放平台第三方平台): the component endpoints -----------------------------
// `POST /cgi-bin/component/<name>`, JSON bodies. Every call but api_component_token takes the
// platform's token in the query string, as `component_access_token` (older docs) or `access_token`.

// The permission sets and reading them from func_info live in permission-sets.ts, which the browser loads
// without zod; re-exported here beside the answers that carry them.
export { PERMISSION_SET, permissionSetsOf } from "./permission-sets";

/** `POST /cgi-bin/component/api_component_token`. */
export const componentTokenRequest = z.object({
  component_appid: z.string(),
  component_appsecret: z.string(),
  /** The latest `ComponentVerifyTicket` WeChat pushed to the authorization-event URL. */
  component_verify_ticket: z.string(),
});

/** `POST /cgi-bin/component/api_create_preauthcode`. */
export const preAuthCodeRequest = z.object({ component_appid: z.string() });

/** `POST /cgi-bin/component/api_query_auth`: the `auth_code` of the redirect (or of the `authorized` event). */
export const queryAuthRequest = z.object({ component_appid: z.string(), authorization_code: z.string() });

/** `POST /cgi-bin/component/api_authorizer_token`. */
export const authorizerTokenRequest = z.object({
  component_appid: z.string(),
  authorizer_appid: z.string(),
  authorizer_refresh_token: z.string(),
});

/** `POST /cgi-bin/component/api_get_authorizer_info`. */
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

/** One granted permission set, as WeChat lists them: `{"funcscope_category": {"id": 18}}`. */
export const funcInfo = z.array(z.object({ funcscope_category: z.object({ id: z.number().int() }) }));

export const queryAuthAnswer = z.object({
  authorization_info: z.object({
    authorizer_appid: z.string().min(1),
    authorizer_access_token: z.string().min(1),
    expires_in: z.number().int().positive(),
    /** Only given here (and by api_get_authorizer_info): lose it and the merchant must authorize again. */
    authorizer_refresh_token: z.string().min(1),
    func_info: funcInfo,
  }),
});

export const authorizerTokenAnswer = z.object({
  authorizer_access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  authorizer_refresh_token: z.string().min(1),
});

const idName = z.object({ id: z.number().int(), name: z.string().optional() });

export const authorizerInfoAnswer = z.object({
  authorizer_info: z.object({
    nick_name: z.string(),
    head_img: z.string().optional(),
    /**
     * Service Accounts: 0 subscription account, 1 subscription account upgraded from an old one,
     * 2 Service Account. Mini Programs: 0 (an ordinary Mini Program), 12 a test account, 4 a game.
     */
    service_type_info: idName,
    /** -1 not verified, 0 WeChat verification, 1–5 older kinds of verification. */
    verify_type_info: idName,
    /** The original id, `gh_…`. */
    user_name: z.string(),
    /** The legal entity; `个人` for an account registered by a person. */
    principal_name: z.string(),
    alias: z.string().optional(),
    qrcode_url: z.string().optional(),
    signature: z.string().optional(),
    account_status: z.number().int().optional(),
    business_info: z.record(z.string(), z.number()).optional(),
    /** Present for a Mini Program only: WeChat's way of saying which kind of account this is. */
    MiniProgramInfo: z
      .object({
        network: z.record(z.string(), z.array(z.string())).optional(),
        categories: z.array(z.object({ first: z.string(), second: z.string() })).optional(),
        visit_status: z.number().int().optional(),
      })
      .optional(),
  }),
  authorization_info: z.object({
    authorizer_appid: z.string().min(1),
    authorizer_refresh_token: z.string().optional(),
    func_info: funcInfo,
  }),
});

export type ComponentTokenAnswer = z.output<typeof componentTokenAnswer>;
export type PreAuthCodeAnswer = z.output<typeof preAuthCodeAnswer>;
export type FuncInfo = z.output<typeof funcInfo>;
export type QueryAuthAnswer = z.output<typeof queryAuthAnswer>;
export type AuthorizerTokenAnswer = z.output<typeof authorizerTokenAnswer>;
export type AuthorizerInfoAnswer = z.output<typeof authorizerInfoAnswer>;
