import "server-only";

import type { NextAuthConfig } from "next-auth";

import { env } from "../env";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

// The server-side session (operator_sessions) a JWT belongs to: without a live row the JWT is worthless.
declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    sessionId?: string;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}

/**
 * The part of the Auth.js configuration that needs no database, shared by the
 * request proxy (which only reads the session cookie) and the full set-up.
 */
export function baseAuthConfig(): NextAuthConfig {
  return {
    secret: env.AUTH_SECRET,
    // With AUTH_URL, Auth.js takes its origin from it and never from the Host or X-Forwarded-Host
    // headers; production must set it (boot refuses to start otherwise), development may go without.
    trustHost: Boolean(env.AUTH_URL) || env.NODE_ENV !== "production",
    useSecureCookies: !env.AUTH_INSECURE_COOKIES,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [],
    callbacks: {
      // Used by the proxy: pages need a session; Auth.js sends others to sign-in with a callbackUrl.
      // Pages send anonymous visitors to sign-in; the JSON API answers them 401 itself.
      authorized: ({ auth, request }) =>
        Boolean(auth?.user?.id) || request.nextUrl.pathname.startsWith("/api/"),
      jwt: ({ token, user }) => {
        if (user?.id) token.sub = user.id;
        if (user?.sessionId) token.sid = user.sessionId;
        return token;
      },
      session: ({ session, token }) => {
        if (token.sub) session.user.id = token.sub;
        if (typeof token.sid === "string") session.sessionId = token.sid;
        return session;
      },
    },
  };
}
