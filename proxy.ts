import NextAuth from "next-auth";
import { type NextFetchEvent, type NextMiddleware, type NextRequest, NextResponse } from "next/server";

import { LOCALE_COOKIE, isLocale, negotiateLocale } from "@/lib/i18n/config";
import { MESSAGES } from "@/lib/i18n/messages";
import { HOSTED_FILE_ROUTE, hostedPathOf } from "@/lib/verification/hosting";
import { baseAuthConfig } from "@/server/auth/config";
import { env } from "@/server/env";
import {
  API_CONTENT_SECURITY_POLICY,
  STRICT_TRANSPORT_SECURITY,
  createNonce,
  isDevelopment,
  pageContentSecurityPolicy,
  servedOverHttps,
} from "@/server/security/headers";

/**
 * Sends anonymous visitors of any page to sign-in (and back afterwards). This
 * only reads the session cookie; pages and server actions check the operator
 * against the database themselves.
 */
const { auth } = NextAuth(baseAuthConfig);
// Auth.js's proxy as `export default auth` used it; its types do not list this (request, event) call.
const sessionProxy = auth as unknown as NextMiddleware;

/**
 * Reached without a session: sign-in, the set-password link, Auth.js, the health check, WeChat's event
 * pushes and hosted verification files (which WeChat fetches; see {@link hostedFileTarget}).
 */
const PUBLIC_PATH =
  /^\/(?:login|set-password|api\/auth|api\/health|api\/wechat\/platform\/events$|api\/verification-files\/)/;

/**
 * A request for a hosted verification file, `/<VERIFICATION_PATH_PREFIX>/<appid>/<file>`, goes to the
 * route that answers it (a rewrite: WeChat follows no redirect). The prefix is run-time configuration,
 * which a route folder cannot be. Anything else under the prefix (a rule's link opened in a browser)
 * is public too, and finds the not-found page rather than sign-in. Off while `PUBLIC_URL` is unset.
 */
function hostedFileTarget(request: NextRequest): URL | "public" | null {
  if (!env.PUBLIC_URL) return null;
  const hosted = hostedPathOf(request.nextUrl.pathname, env.VERIFICATION_PATH_PREFIX);
  if (hosted === null) return null;
  if (hosted === "other") return "public";
  return new URL(`${HOSTED_FILE_ROUTE}/${hosted.appid}/${hosted.fileName}`, request.url);
}

/**
 * Every response but the static files gets its Content-Security-Policy here, because a page's policy
 * carries a fresh script nonce. Next.js reads the nonce from the request's policy header and puts it on
 * its own scripts; the root layout reads `x-nonce` for the theme script.
 */
export default async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  const https = servedOverHttps(request.nextUrl);
  const hosted = decodable(request.nextUrl.pathname) ? hostedFileTarget(request) : null;
  const isApi = request.nextUrl.pathname.startsWith("/api/") || hosted instanceof URL;
  const nonce = createNonce();
  const policy = isApi
    ? API_CONTENT_SECURITY_POLICY
    : pageContentSecurityPolicy({ nonce, https, development: isDevelopment() });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);

  const response = !decodable(request.nextUrl.pathname)
    ? invalidAddress(request, isApi)
    : hosted instanceof URL
      ? NextResponse.rewrite(hosted)
      : hosted === "public" || PUBLIC_PATH.test(request.nextUrl.pathname)
        ? NextResponse.next()
        : ((await sessionProxy(request, event)) ?? NextResponse.next());
  forwardRequestHeaders(response, requestHeaders);
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

/** Next.js itself answers a path that is not valid percent-encoded UTF-8 with a bare 500; it is bad input. */
function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** A 400 in the operator's language; the API answers the error shape its route handlers use. */
function invalidAddress(request: NextRequest, isApi: boolean): Response {
  const chosen = request.cookies.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale(request.headers.get("accept-language"));
  const message = MESSAGES[locale].actionErrors.invalidAddress;
  return isApi
    ? NextResponse.json({ error: { code: "INVALID_INPUT", message } }, { status: 400 })
    : new NextResponse(message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/**
 * A response that lets the request through (NextResponse.next, marked `x-middleware-next`) forwards the
 * headers NextResponse.next({ request }) describes; a redirect to sign-in goes back to the browser as it is.
 */
function forwardRequestHeaders(response: Response, headers: Headers): void {
  if (!response.headers.has("x-middleware-next")) return;
  for (const [name, value] of NextResponse.next({ request: { headers } }).headers)
    response.headers.set(name, value);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
