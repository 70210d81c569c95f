import "server-only";

import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { signInSchema } from "@/lib/schemas/auth";

import { clientIp } from "../client-address";
import { getDb } from "../db";
import { authenticate } from "./authenticate";
import { baseAuthConfig } from "./config";
import { createSession, revokeSession } from "./sessions";

class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}

class LockedOut extends CredentialsSignin {
  override code = "locked";
}

export const { handlers, auth, signOut } = NextAuth(() => {
  const base = baseAuthConfig();
  return {
    ...base,
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) throw new InvalidCredentials();
          const db = await getDb();
          const ip = clientIp(request.headers);
          const result = await authenticate(db, { ...parsed.data, ip });
          if (!result.ok) throw result.reason === "locked" ? new LockedOut() : new InvalidCredentials();
          const sessionId = await createSession(db, {
            operatorId: result.operator.id,
            userAgent: request.headers.get("user-agent"),
            ip,
          });
          return {
            id: result.operator.id,
            email: result.operator.email,
            name: result.operator.name,
            sessionId,
          };
        },
      }),
    ],
    events: {
      // Signing out ends the session on the server too: a copy of the cookie stops working.
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await revokeSession(await getDb(), sid);
      },
    },
  };
});
