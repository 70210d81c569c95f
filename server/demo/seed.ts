import "server-only";

import type { Database } from "../db";
import { createOperatorIfAbsent } from "../operators";

/** Demo-mode operators besides the admin; the README states these credentials. */
export const DEMO_OPERATORS = [
  { email: "operator@demo.local", name: "Demo Operator", role: "operator", password: "operator-demo-2026" },
  { email: "viewer@demo.local", name: "Demo Viewer", role: "viewer", password: "viewer-demo-2026" },
] as const;

export async function seedDemo(db: Database): Promise<void> {
  for (const operator of DEMO_OPERATORS) await createOperatorIfAbsent(db, operator);
}
