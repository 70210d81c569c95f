/**
 * Where the product serves the verification files it hosts (REFERENCE §4): the community's service
 * providers keep every merchant's file under a directory of their own domain and add the merchant's
 * rules under it. Here that directory is `PUBLIC_URL/<path prefix>/<appid>/`, and the file sits in it
 * under the exact name WeChat gave. Shared by the server (the addresses it offers), the proxy (which
 * requests are a hosted file) and the browser (which shows them).
 */
import { APPID_PATTERN } from "../wechat/ids";

/** The default first path segment of hosted files. */
export const DEFAULT_VERIFICATION_PATH_PREFIX = "wxverify";

/** A path segment that needs no encoding anywhere: letters, digits, `-` and `_`, 1 to 64 of them. */
export const PATH_SEGMENT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * The first path segments the product itself answers (`app/`'s top-level routes, Next.js's own);
 * hosted files under one of them would shadow a page or never be reached. Kept in step with `app/`
 * by `tests/unit/verification-hosting.test.ts`.
 */
export const RESERVED_PATH_SEGMENTS: readonly string[] = [
  "_next",
  "api",
  "login",
  "set-password",
  "accounts",
  "activity",
  "changes",
  "explain",
  "operators",
  "rules",
  "simulate",
  "settings",
];

/** Whether `segment` may be the path prefix of hosted files. */
export function isUsablePathPrefix(segment: string): boolean {
  return PATH_SEGMENT_PATTERN.test(segment) && !RESERVED_PATH_SEGMENTS.includes(segment.toLowerCase());
}

/** Where hosting is: the product's public address (no trailing slash) and the path prefix. */
export interface HostingLocation {
  publicUrl: string;
  pathPrefix: string;
}

/**
 * The directory of an account's hosted file, to offer as the prefix of its type-A rules (it, or any
 * path below it: the file is served in every directory under it).
 */
export function hostedDirectory(location: HostingLocation, appid: string): string {
  return `${location.publicUrl}/${location.pathPrefix}/${appid}/`;
}

/** The address of an account's hosted file. */
export function hostedFileUrl(location: HostingLocation, appid: string, fileName: string): string {
  return `${hostedDirectory(location, appid)}${fileName}`;
}

/** The internal route that answers hosted files (`app/api/verification-files/[appid]/[fileName]`). */
export const HOSTED_FILE_ROUTE = "/api/verification-files";

/**
 * What a request path under the hosting prefix names: `{ appid, fileName }` for
 * `/<prefix>/<appid>/<fileName>` and for the same file in any directory below the account's
 * (`/<prefix>/<appid>/shop/<fileName>`), because WeChat looks for the file in the directory of each
 * rule's prefix and a merchant's rules each need a prefix of their own; "other" for anything else
 * under `/<prefix>` (a stray directory); null when the path is not under the prefix at all. The AppID
 * and the file name are taken as sent: the route compares them with the stored ones exactly.
 */
export function hostedPathOf(
  pathname: string,
  pathPrefix: string,
): { appid: string; fileName: string } | "other" | null {
  const root = `/${pathPrefix}`;
  if (pathname !== root && !pathname.startsWith(`${root}/`)) return null;
  const [appid = "", ...rest] = pathname.slice(root.length + 1).split("/");
  const fileName = rest.at(-1) ?? "";
  if (!APPID_PATTERN.test(appid) || fileName === "") return "other";
  return { appid, fileName };
}

/** What the rule form shows of an account's hosting (`getVerificationHosting`). */
export interface VerificationHostingView {
  /** False until an admin sets `PUBLIC_URL`: the product then hosts nothing. */
  configured: boolean;
  /** The directory to use as the rule prefix, when hosting is configured. */
  directoryPrefix: string | null;
  /** Where the file is served, once stored (hosting configured). */
  url: string | null;
  fileName: string | null;
  /** ISO time WeChat last gave the stored file. */
  fetchedAt: string | null;
}
