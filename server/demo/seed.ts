import "server-only";

import { DEMO_ACCOUNTS } from "@/sandbox/fixtures/demo";

import { createAccountIfAbsent } from "../accounts";
import type { Database } from "../db";
import { createOperatorIfAbsent } from "../operators";
import type { SecretBox } from "../secret-box";

/** Demo-mode operators besides the admin; the README states these credentials. */
export const DEMO_OPERATORS = [
  { email: "operator@demo.local", name: "Demo Operator", role: "operator", password: "operator-demo-2026" },
  { email: "viewer@demo.local", name: "Demo Viewer", role: "viewer", password: "viewer-demo-2026" },
] as const;

/** Demo mode: the demo operators, and the WeChat accounts of the sandbox's demo fixture. */
export async function seedDemo(db: Database, box: SecretBox): Promise<void> {
  for (const operator of DEMO_OPERATORS) await createOperatorIfAbsent(db, operator);
  for (const account of DEMO_ACCOUNTS) {
    await createAccountIfAbsent(db, box, {
      appid: account.appid,
      kind: account.kind,
      name: account.name.en,
      secret: account.secret,
      linkedMiniPrograms: account.linkedMiniPrograms,
    });
  }
}
