import { sql } from "drizzle-orm";

import type { Database } from "@/server/db";

/**
 * Makes the real database refuse writes to a table, the way a full disk, a
 * lost connection or a bad value would: a trigger raises for the first `times`
 * matching rows. The count lives in a sequence because sequences are not
 * rolled back with the statement that failed.
 */
export async function injectWriteFault(
  db: Database,
  table: "activity_entries" | "wechat_rules" | "operator_account_grants",
  options: { when?: string; times?: number } = {},
): Promise<void> {
  const name = `fault_${table}`;
  await db.execute(sql`
    create or replace function test_inject_fault() returns trigger language plpgsql as $$
    begin
      if nextval(TG_ARGV[0]::regclass) <= TG_ARGV[1]::bigint then
        raise exception 'injected write fault on %', TG_TABLE_NAME;
      end if;
      return new;
    end $$`);
  await db.execute(sql.raw(`drop trigger if exists ${name} on ${table}`));
  await db.execute(sql.raw(`drop sequence if exists ${name}_seq`));
  await db.execute(sql.raw(`create sequence ${name}_seq`));
  const when = options.when ? `when (${options.when})` : "";
  await db.execute(
    sql.raw(
      `create trigger ${name} before insert or update on ${table} for each row ${when} execute function test_inject_fault('${name}_seq', '${options.times ?? 1_000_000_000}')`,
    ),
  );
}

export async function clearWriteFault(
  db: Database,
  table: "activity_entries" | "wechat_rules" | "operator_account_grants",
): Promise<void> {
  await db.execute(sql.raw(`drop trigger if exists fault_${table} on ${table}`));
  await db.execute(sql.raw(`drop sequence if exists fault_${table}_seq`));
}
