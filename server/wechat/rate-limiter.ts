import "server-only";

import { sql } from "drizzle-orm";

import type { Database } from "../db";
import { rowsOf } from "../db/rows";

/** WeChat allows 5 qrcodejump calls a second per account. */
export const CALLS_PER_WINDOW = 5;
/**
 * WeChat's second, and a little: a slot is stamped again when its call's answer
 * arrives (see markCallDone), so a call that arrived at WeChat late is counted
 * from after it arrived, and network jitter cannot squeeze six into a second.
 */
export const WINDOW_MS = 1_005;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Callers of one process queue here, first come first served, so only the head of each account's
// queue asks the database: a hundred waiters do not all wake and contend for the lock every second.
const queues = new WeakMap<Database, Map<string, Promise<unknown>>>();

/**
 * Waits for a slot in the account's window and returns its id. The ledger
 * lives in the database and the database's clock decides, so every instance of
 * the product shares one limit; callers queue rather than fail.
 */
export function acquireCallSlot(db: Database, appid: string): Promise<number> {
  let perAccount = queues.get(db);
  if (!perAccount) queues.set(db, (perAccount = new Map()));
  const previous = perAccount.get(appid) ?? Promise.resolve();
  const next = previous.then(
    () => takeSlot(db, appid),
    () => takeSlot(db, appid),
  );
  perAccount.set(appid, next);
  return next;
}

async function takeSlot(db: Database, appid: string): Promise<number> {
  for (;;) {
    const outcome = await db.transaction(async (tx): Promise<{ slot: number } | { waitMs: number }> => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`qrjump-rate:${appid}`}))`);
      const [window] = rowsOf<{ used: number; wait_ms: number | null }>(
        await tx.execute(sql`
          select count(*)::int as used,
                 extract(epoch from (min(at) + make_interval(secs => ${WINDOW_MS / 1000}) - clock_timestamp())) * 1000 as wait_ms
          from wechat_rate_slots
          where appid = ${appid} and at > clock_timestamp() - make_interval(secs => ${WINDOW_MS / 1000})`),
      );
      if ((window?.used ?? 0) < CALLS_PER_WINDOW) {
        const [slot] = rowsOf<{ id: number | string }>(
          await tx.execute(
            sql`insert into wechat_rate_slots (appid, at) values (${appid}, clock_timestamp()) returning id`,
          ),
        );
        await tx.execute(
          sql`delete from wechat_rate_slots where appid = ${appid} and at < clock_timestamp() - interval '1 minute'`,
        );
        return { slot: Number(slot?.id) };
      }
      return { waitMs: Math.max(1, Math.ceil(Number(window?.wait_ms ?? 50))) };
    });
    if ("slot" in outcome) return outcome.slot;
    await sleep(outcome.waitMs + Math.random() * 3);
  }
}

/**
 * Stamps a slot with the time its call's answer (or failure) came back. WeChat
 * counts a call when it arrives, somewhere between sending and answering; from
 * the answer on, the call is surely inside WeChat's past second, never ahead
 * of it. Best effort: a slot left at its sending time still ages out.
 */
export async function markCallDone(db: Database, slot: number): Promise<void> {
  try {
    await db.execute(sql`update wechat_rate_slots set at = clock_timestamp() where id = ${slot}`);
  } catch (error) {
    console.error("[wechat] could not stamp a rate slot:", error instanceof Error ? error.message : error);
  }
}
