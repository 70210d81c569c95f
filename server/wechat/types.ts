import "server-only";

/** An account the product holds the AppSecret of: its token comes from stable_token or /cgi-bin/token. */
export interface DirectCredentials {
  appid: string;
  kind: "miniprogram" | "officialaccount";
  tokenMode: "stable" | "classic";
  /** The AppSecret in clear, opened just for this call; never stored or logged by the client. */
  secret: string;
}

/**
 * An account authorized through the workspace's third-party platform: its token is an
 * authorizer_access_token from api_authorizer_token, with the refresh token the token store reads (sealed)
 * from the database itself.
 */
export interface AuthorizerCredentials {
  appid: string;
  kind: "miniprogram" | "officialaccount";
  tokenMode: "authorizer";
}

/** What the client needs to act for one WeChat account; the token kind follows from `tokenMode`. */
export type AccountCredentials = DirectCredentials | AuthorizerCredentials;

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
