import "server-only";

/** What the client needs to act for one WeChat account. */
export interface AccountCredentials {
  appid: string;
  kind: "miniprogram" | "officialaccount";
  tokenMode: "stable" | "classic";
  /** The AppSecret in clear, opened just for this call; never stored or logged by the client. */
  secret: string;
}

/** Who a call is made for, recorded with every attempt. */
export interface CallContext {
  operatorId?: string | null;
  actionId?: string | null;
}

export interface TypeARuleInput {
  prefix: string;
  permitSubRule: 1 | 2;
  path: string;
  openVersion: 1 | 2 | 3;
  debugUrls: string[];
}

export interface TypeBRuleInput {
  prefix: string;
  /** The Mini Program the Service Account's QR code opens. */
  appid: string;
  path: string;
}
