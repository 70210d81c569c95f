import "server-only";

import type { NextAuthConfig } from "next-auth";

import { env } from "../env";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * The part of the Auth.js configuration that needs no database, shared by the
 * request proxy (which only reads the session cookie) and the full set-up.
 */
export function baseAuthConfig(): NextAuthConfig {
  return {
    secret: env.AUTH_SECRET,
    // Self-hosted behind whatever proxy the deployment uses; the host header is trusted.
    trustHost: true,
    useSecureCookies: !env.AUTH_INSECURE_COOKIES,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [],
    callbacks: {
      // Used by the proxy: pages need a session; Auth.js sends others to sign-in with a callbackUrl.
      // Pages send anonymous visitors to sign-in; the JSON API answers them 401 itself.
      authorized: ({ auth, request }) => Boolean(auth?.user?.id) || request.nextUrl.pathname.startsWith("/api/"),
      jwt: ({ token, user }) => {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session: ({ session, token }) => {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
