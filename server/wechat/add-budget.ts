import "server-only";

import { inArray, sql } from "drizzle-orm";

import type { Database } from "../db";
import { typeBAddBudget } from "../db/schema";
import { RATE_LIMITED } from "@/lib/wechat/error-catalog";
import type { Outcome } from "./retry-policy";

/** WeChat's lifetime budget of type-B `qrcodejumpadd` calls per Mini Program (REFERENCE §1). */
export const TYPE_B_ADD_BUDGET = 100_000;

export interface AddBudget {
  miniProgramAppid: string;
  limit: number;
  /** Adds and edits WeChat answered with success. */
  spent: number;
  /** Attempts that reached WeChat and failed or got no answer: they may have spent one each. */
  uncertain: number;
}

/**
 * Counts one attempt of a type-B add or edit against its Mini Program's budget. A refusal by the
 * rate limit never reached the rule service; anything else that reached WeChat may have spent.
 * Never makes the call fail.
 */
export async function spendAddBudget(
  db: Database,
  miniProgramAppid: string,
  outcome: Outcome,
): Promise<void> {
  const counts =
    outcome.kind === "success"
      ? { spent: 1, uncertain: 0 }
      : outcome.kind === "error" && outcome.errcode === RATE_LIMITED
        ? null
        : { spent: 0, uncertain: 1 };
  if (!counts) return;
  try {
    await db
      .insert(typeBAddBudget)
      .values({ miniProgramAppid, ...counts })
      .onConflictDoUpdate({
        target: typeBAddBudget.miniProgramAppid,
        set: {
          spent: sql`${typeBAddBudget.spent} + ${counts.spent}`,
          uncertain: sql`${typeBAddBudget.uncertain} + ${counts.uncertain}`,
          updatedAt: sql`now()`,
        },
      });
  } catch (error) {
    console.error("[wechat] could not count a type-B add:", error instanceof Error ? error.message : error);
  }
}

/** The budget of each Mini Program, zero for those never added to. */
export async function readAddBudgets(db: Database, miniProgramAppids: string[]): Promise<AddBudget[]> {
  if (miniProgramAppids.length === 0) return [];
  const rows = await db
    .select()
    .from(typeBAddBudget)
    .where(inArray(typeBAddBudget.miniProgramAppid, miniProgramAppids));
  const byAppid = new Map(rows.map((row) => [row.miniProgramAppid, row]));
  return miniProgramAppids.map((miniProgramAppid) => ({
    miniProgramAppid,
    limit: TYPE_B_ADD_BUDGET,
    spent: byAppid.get(miniProgramAppid)?.spent ?? 0,
    uncertain: byAppid.get(miniProgramAppid)?.uncertain ?? 0,
  }));
}
