/**
 * A process that adds rules through the product's client, one after another, and says so on stdout
 * ("added <n>") — for tests that kill it mid-way. Configured by its environment:
 * CHILD_DATABASE_URL (PostgreSQL) or CHILD_DATA_DIR (embedded), CHILD_SANDBOX_URL, CHILD_COUNT.
 *
 *   node --conditions=react-server --import tsx tests/support/add-rules-child.ts
 */
import { openDatabase } from "@/server/db/client";
import { WeChatClient } from "@/server/wechat/client";

import { MINI_PROGRAM } from "./sandbox-client";
import { crashRule } from "./crash-rules";
import { testBox } from "./wechat";

const url = process.env.CHILD_DATABASE_URL;
const handle = await openDatabase(
  url ? { kind: "postgres", url } : { kind: "embedded", dataDir: process.env.CHILD_DATA_DIR },
);
await handle.migrate();
const client = new WeChatClient({
  db: handle.db,
  box: testBox(),
  baseUrl: process.env.CHILD_SANDBOX_URL ?? "",
  timeoutMs: 60_000,
});
const account = client.forAccount({ ...MINI_PROGRAM, tokenMode: "stable" });
const count = Number(process.env.CHILD_COUNT ?? "20");
for (let n = 0; n < count; n++) {
  await account.saveTypeA(crashRule(n), { edit: false });
  process.stdout.write(`added ${n + 1}\n`);
}
await handle.close();
