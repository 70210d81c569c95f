/**
 * The third-party platform (service provider) settings and authorization links (admins only): the schemas
 * the forms validate with and the server actions parse with. Messages are i18n keys under `validation`.
 * Values pasted from the WeChat Open Platform console are trimmed.
 */
import { z } from "zod";

import { APPID_PATTERN } from "../wechat/ids";
import { APP_SECRET } from "./accounts";
import { text } from "./text";

/** The message token (消息校验 Token): 3 to 32 letters and digits, as WeChat's console accepts. */
export const MESSAGE_TOKEN = /^[A-Za-z0-9]{3,32}$/;
/** The EncodingAESKey (消息加解密 Key): 43 letters and digits. */
export const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;

/** Empty keeps what is stored; otherwise the value must have the right form. */
function keptOr(pattern: RegExp, message: string) {
  return text(message)
    .trim()
    .refine((value) => value === "" || pattern.test(value), message);
}

/**
 * The input of `savePlatformSettings`. The AppID is always given; the three secrets may be left empty to keep
 * the stored ones (the first save must give them all: the server says which is missing).
 */
export const platformSettingsSchema = z.object({
  componentAppid: text("platform.appid")
    .trim()
    .refine((appid) => APPID_PATTERN.test(appid), "platform.appid"),
  secret: keptOr(APP_SECRET, "platform.secret"),
  messageToken: keptOr(MESSAGE_TOKEN, "platform.messageToken"),
  encodingAesKey: keptOr(ENCODING_AES_KEY, "platform.encodingAesKey"),
});

/** auth_type of an authorization link: which accounts the merchant's admin may pick. */
export const AUTH_TYPES = { officialaccount: 1, miniprogram: 2, both: 3 } as const;
export type AuthTypeName = keyof typeof AUTH_TYPES;

export const AUTH_TYPE_NAMES = Object.keys(AUTH_TYPES) as AuthTypeName[];

/** The input of `startPlatformAuthorization`: which accounts the merchant's admin may pick. */
export const startAuthorizationSchema = z.object({
  accounts: z.enum(AUTH_TYPE_NAMES as [AuthTypeName, ...AuthTypeName[]], "platform.authType"),
});

/** The query of the redirect back from WeChat's authorization page. */
export const authorizationReturnSchema = z.object({
  state: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/),
  auth_code: z.string().min(1).max(512),
  expires_in: z.coerce.number().int().positive().optional(),
});

export type PlatformSettingsInput = z.input<typeof platformSettingsSchema>;
export type PlatformSettingsValues = z.output<typeof platformSettingsSchema>;
export type StartAuthorizationInput = z.input<typeof startAuthorizationSchema>;
