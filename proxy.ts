import NextAuth from "next-auth";

import { baseAuthConfig } from "@/server/auth/config";

/**
 * Sends anonymous visitors of any page to sign-in (and back afterwards). This
 * only reads the session cookie; pages and server actions check the operator
 * against the database themselves.
 */
const { auth } = NextAuth(baseAuthConfig);

export default auth;

export const config = {
  matcher: ["/((?!login|set-password|api/auth|api/health|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
