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

/**
 * Service Accounts' rules (type B) also allow 200 calls a minute (REFERENCE §1): counted per
 * Service Account, over WeChat's minute and a little, for the same reason as WINDOW_MS.
 */
export const TYPE_B_CALLS_PER_MINUTE = 200;
export const MINUTE_WINDOW_MS = 60_500;

/** The limits one account's calls wait for: 5 a second always, and a longer window's when its kind has one. */
export interface CallLimits {
  perSecond: number;
  sustained?: { calls: number; windowMs: number };
}

export const MINI_PROGRAM_LIMITS: CallLimits = { perSecond: CALLS_PER_WINDOW };
export const SERVICE_ACCOUNT_LIMITS: CallLimits = {
  perSecond: CALLS_PER_WINDOW,
  sustained: { calls: TYPE_B_CALLS_PER_MINUTE, windowMs: MINUTE_WINDOW_MS },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Callers of one process queue here, first come first served, so only the head of each account's
// queue asks the database: a hundred waiters do not all wake and contend for the lock every second.
const queues = new WeakMap<Database, Map<string, Promise<unknown>>>();

/**
 * Waits for a slot in the account's window and returns its id. The ledger
 * lives in the database and the database's clock decides, so every instance of
 * the product shares one limit; callers queue rather than fail.
 */
export function acquireCallSlot(
  db: Database,
  appid: string,
  limits: CallLimits = MINI_PROGRAM_LIMITS,
): Promise<number> {
  let perAccount = queues.get(db);
  if (!perAccount) queues.set(db, (perAccount = new Map()));
  const previous = perAccount.get(appid) ?? Promise.resolve();
  const next = previous.then(
    () => takeSlot(db, appid, limits),
    () => takeSlot(db, appid, limits),
  );
  perAccount.set(appid, next);
  return next;
}

async function takeSlot(db: Database, appid: string, limits: CallLimits): Promise<number> {
  const secondS = WINDOW_MS / 1000;
  // The longer window, and how long slots are kept: at least a minute, as before there was one.
  const longS = (limits.sustained?.windowMs ?? WINDOW_MS) / 1000;
  const keepS = Math.max(60, longS) + 1;
  for (;;) {
    const outcome = await db.transaction(async (tx): Promise<{ slot: number } | { waitMs: number }> => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`qrjump-rate:${appid}`}))`);
      // How many slots each window holds, and how long until its oldest leaves it; the database's clock decides.
      const [window] = rowsOf<{
        second_used: number;
        second_wait_ms: number | null;
        long_used: number;
        long_wait_ms: number | null;
      }>(
        await tx.execute(sql`
          select count(*) filter (where at > clock_timestamp() - make_interval(secs => ${secondS}))::int as second_used,
                 extract(epoch from (min(at) filter (where at > clock_timestamp() - make_interval(secs => ${secondS}))
                   + make_interval(secs => ${secondS}) - clock_timestamp())) * 1000 as second_wait_ms,
                 count(*)::int as long_used,
                 extract(epoch from (min(at) + make_interval(secs => ${longS}) - clock_timestamp())) * 1000 as long_wait_ms
          from wechat_rate_slots
          where appid = ${appid} and at > clock_timestamp() - make_interval(secs => ${Math.max(longS, secondS)})`),
      );
      const waits: number[] = [];
      if ((window?.second_used ?? 0) >= limits.perSecond) waits.push(Number(window?.second_wait_ms ?? 50));
      if (limits.sustained && (window?.long_used ?? 0) >= limits.sustained.calls)
        waits.push(Number(window?.long_wait_ms ?? 50));
      if (waits.length === 0) {
        const [slot] = rowsOf<{ id: number | string }>(
          await tx.execute(
            sql`insert into wechat_rate_slots (appid, at) values (${appid}, clock_timestamp()) returning id`,
          ),
        );
        await tx.execute(
          sql`delete from wechat_rate_slots where appid = ${appid} and at < clock_timestamp() - make_interval(secs => ${keepS})`,
        );
        return { slot: Number(slot?.id) };
      }
      return { waitMs: Math.max(1, Math.ceil(Math.max(...waits))) };
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
