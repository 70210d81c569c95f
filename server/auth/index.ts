import "server-only";

import { isIP } from "node:net";

import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { signInSchema } from "@/lib/schemas/auth";

import { getDb } from "../db";
import { authenticate } from "./authenticate";
import { baseAuthConfig } from "./config";

class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}

class LockedOut extends CredentialsSignin {
  override code = "locked";
}

function clientIp(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const candidate = forwarded || request.headers.get("x-real-ip") || "";
  return isIP(candidate) ? candidate : null;
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
          const result = await authenticate(await getDb(), { ...parsed.data, ip: clientIp(request) });
          if (!result.ok) throw result.reason === "locked" ? new LockedOut() : new InvalidCredentials();
          return { id: result.operator.id, email: result.operator.email, name: result.operator.name };
        },
      }),
    ],
  };
});
