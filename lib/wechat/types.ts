/**
 * The bodies of WeChat's token and qrcodejump requests, as zod schemas, and
 * the shapes of its answers. The sandbox validates what it receives with
 * these; the product's client can build what it sends from them. Browser-safe.
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

/**
 * A type-A rule as `qrcodejumpget` lists it. The answers below must carry every field they declare:
 * the product's client (`server/wechat/schemas.ts`) refuses a success answer without them.
 */
export const typeARule = z.object({
  prefix: z.string(),
  permit_sub_rule: permitSubRule,
  path: z.string(),
  open_version: openVersion,
  debug_url: z.array(z.string()),
  /** 1 unpublished, 2 published. */
  state: ruleState,
});

/** A type-B rule as `qrcodejumpget` lists it. */
export const typeBRule = z.object({ prefix: z.string(), path: z.string(), state: ruleState });

export type TypeARule = z.output<typeof typeARule>;
export type TypeBRule = z.output<typeof typeBRule>;

export interface WeChatError {
  errcode: number;
  /** Ends with ` rid: xxxxxxxx-xxxxxxxx-xxxxxxxx` for every error. */
  errmsg: string;
}

export interface TokenAnswer {
  access_token: string;
  expires_in: number;
}

interface RuleListCommon {
  errcode: 0;
  errmsg: "ok";
  /** 1 when the feature is switched on. */
  qrcodejump_open: number;
  /** Publishes left this month. */
  qrcodejump_pub_quota: number;
  /** How many rules this answer lists. */
  list_size: number;
}

export interface TypeAListAnswer extends RuleListCommon {
  rule_list: TypeARule[];
}

export interface TypeBListAnswer extends RuleListCommon {
  rule_list: TypeBRule[];
  /** All rules of that Mini Program, for paging. */
  total_count: number;
}

export interface VerificationFileAnswer {
  errcode: 0;
  errmsg: "ok";
  file_name: string;
  file_content: string;
}

export interface RidAnswer {
  errcode: 0;
  errmsg: "ok";
  request: {
    /** Unix seconds. */
    invoke_time: number;
    cost_in_ms: number;
    /** The query string, with the access_token (or AppSecret) masked. */
    request_url: string;
    request_body: string;
    response_body: string;
    client_ip: string;
  };
}
