import "server-only";

import { sql } from "drizzle-orm";

import type { Database } from "../db";
import { rowsOf } from "../db/rows";

/** WeChat allows 5 qrcodejump calls a second per account. */
export const CALLS_PER_WINDOW = 5;
/**
 * A little longer than WeChat's second: our clock starts when we send, WeChat's
 * when the call arrives, and network jitter must not squeeze six into its window.
 */
export const WINDOW_MS = 1_150;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for a slot in the account's window. The ledger lives in the database
 * and the database's clock decides, so every instance of the product shares one
 * limit; callers queue rather than fail.
 */
export async function acquireCallSlot(db: Database, appid: string): Promise<void> {
  for (;;) {
    const waitMs = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`qrjump-rate:${appid}`}))`);
      const [window] = rowsOf<{ used: number; wait_ms: number | null }>(
        await tx.execute(sql`
          select count(*)::int as used,
                 extract(epoch from (min(at) + make_interval(secs => ${WINDOW_MS / 1000}) - clock_timestamp())) * 1000 as wait_ms
          from wechat_rate_slots
          where appid = ${appid} and at > clock_timestamp() - make_interval(secs => ${WINDOW_MS / 1000})`),
      );
      if ((window?.used ?? 0) < CALLS_PER_WINDOW) {
        await tx.execute(sql`insert into wechat_rate_slots (appid, at) values (${appid}, clock_timestamp())`);
        await tx.execute(
          sql`delete from wechat_rate_slots where appid = ${appid} and at < clock_timestamp() - interval '1 minute'`,
        );
        return 0;
      }
      return Math.max(1, Math.ceil(Number(window?.wait_ms ?? 50)));
    });
    if (waitMs === 0) return;
    await sleep(waitMs + Math.random() * 20);
  }
}
