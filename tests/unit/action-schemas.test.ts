/**
 * Every server action parses its input with the operation's schema from
 * `lib/schemas`, the one its form validates with: none declares a schema of its
 * own, and each action's parameter is that schema's input type, so a call with
 * the wrong shape does not compile (the type cases are checked by `tsc`).
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";

import type {
  accountCreateSchema,
  accountIdSchema,
  accountUpdateSchema,
  setAccountDisabledSchema,
} from "@/lib/schemas/accounts";
import type { ridLookupSchema } from "@/lib/schemas/activity";
import type {
  operatorCreateSchema,
  operatorSessionsSchema,
  operatorUpdateSchema,
  resetOperatorPasswordSchema,
  setOperatorDisabledSchema,
  setPasswordSchema,
} from "@/lib/schemas/operators";
import type {
  accountInput,
  bulkRulesInput,
  retakeTypeAInput,
  retakeTypeBInput,
  saveTypeAInput,
  saveTypeBInput,
} from "@/lib/schemas/rules";
import type { settingsSchema } from "@/lib/schemas/settings";
import type * as accounts from "@/server/actions/accounts";
import type * as activity from "@/server/actions/activity";
import type * as operators from "@/server/actions/operators";
import type * as rules from "@/server/actions/rules";
import type * as settings from "@/server/actions/update-settings";

const ACTIONS_DIR = path.resolve(import.meta.dirname, "../../server/actions");

async function actionFiles(): Promise<{ file: string; source: string }[]> {
  const files: { file: string; source: string }[] = [];
  for (const file of await readdir(ACTIONS_DIR)) {
    const source = await readFile(path.join(ACTIONS_DIR, file), "utf8");
    if (source.startsWith('"use server"')) files.push({ file, source });
  }
  return files;
}

type InputOf<A extends (input: never) => unknown> = Parameters<A>[0];

describe("server action inputs", () => {
  it("come from lib/schemas: no action file declares a schema", async () => {
    const files = await actionFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const { file, source } of files) {
      // A value import of zod is how a private schema would start.
      expect(source, file).not.toMatch(/^import (?!type\b)[^;]*from "zod"/m);
      const imported = new Set(
        [...source.matchAll(/^import \{([^}]*)\} from "@\/lib\/schemas\/[\w-]+";/gm)].flatMap((match) =>
          (match[1] ?? "").split(",").map((name) => name.trim()),
        ),
      );
      // authAction({ schema: x, … }) and publicAction(name, x, …)
      const used = [
        ...source.matchAll(/\bschema: (\w+)/g),
        ...source.matchAll(/publicAction\(\s*"\w+",\s*(\w+)/g),
      ].map((match) => match[1] ?? "");
      expect(used.length, file).toBeGreaterThan(0);
      for (const schema of used) expect(imported, `${file}: ${schema}`).toContain(schema);
    }
  });

  it("are typed by the schema, so a wrong call does not compile", () => {
    expectTypeOf<InputOf<typeof rules.saveTypeARule>>().toEqualTypeOf<z.input<typeof saveTypeAInput>>();
    expectTypeOf<InputOf<typeof rules.saveTypeBRule>>().toEqualTypeOf<z.input<typeof saveTypeBInput>>();
    expectTypeOf<InputOf<typeof rules.retakeTypeARule>>().toEqualTypeOf<z.input<typeof retakeTypeAInput>>();
    expectTypeOf<InputOf<typeof rules.retakeTypeBRule>>().toEqualTypeOf<z.input<typeof retakeTypeBInput>>();
    expectTypeOf<InputOf<typeof rules.publishRules>>().toEqualTypeOf<z.input<typeof bulkRulesInput>>();
    expectTypeOf<InputOf<typeof rules.deleteRules>>().toEqualTypeOf<z.input<typeof bulkRulesInput>>();
    expectTypeOf<InputOf<typeof rules.syncRules>>().toEqualTypeOf<z.input<typeof accountInput>>();
    expectTypeOf<InputOf<typeof rules.getVerificationFile>>().toEqualTypeOf<z.input<typeof accountInput>>();
    expectTypeOf<InputOf<typeof accounts.createAccount>>().toEqualTypeOf<
      z.input<typeof accountCreateSchema>
    >();
    expectTypeOf<InputOf<typeof accounts.updateAccount>>().toEqualTypeOf<
      z.input<typeof accountUpdateSchema>
    >();
    expectTypeOf<InputOf<typeof accounts.setAccountDisabled>>().toEqualTypeOf<
      z.input<typeof setAccountDisabledSchema>
    >();
    expectTypeOf<InputOf<typeof accounts.deleteAccount>>().toEqualTypeOf<z.input<typeof accountIdSchema>>();
    expectTypeOf<InputOf<typeof activity.lookupRid>>().toEqualTypeOf<z.input<typeof ridLookupSchema>>();
    expectTypeOf<InputOf<typeof operators.createOperator>>().toEqualTypeOf<
      z.input<typeof operatorCreateSchema>
    >();
    expectTypeOf<InputOf<typeof operators.updateOperator>>().toEqualTypeOf<
      z.input<typeof operatorUpdateSchema>
    >();
    expectTypeOf<InputOf<typeof operators.setOperatorDisabled>>().toEqualTypeOf<
      z.input<typeof setOperatorDisabledSchema>
    >();
    expectTypeOf<InputOf<typeof operators.resetOperatorPassword>>().toEqualTypeOf<
      z.input<typeof resetOperatorPasswordSchema>
    >();
    expectTypeOf<InputOf<typeof operators.listOperatorSessions>>().toEqualTypeOf<
      z.input<typeof operatorSessionsSchema>
    >();
    expectTypeOf<InputOf<typeof operators.signOutOperatorEverywhere>>().toEqualTypeOf<
      z.input<typeof operatorSessionsSchema>
    >();
    expectTypeOf<InputOf<typeof operators.setPasswordWithToken>>().toEqualTypeOf<
      z.input<typeof setPasswordSchema>
    >();
    expectTypeOf<InputOf<typeof settings.updateSettings>>().toEqualTypeOf<z.input<typeof settingsSchema>>();

    // The retake of a published rule takes no mode, and a rule without its account is refused at compile time.
    expectTypeOf<InputOf<typeof rules.retakeTypeARule>>().not.toHaveProperty("mode");
    expectTypeOf<{ prefix: string }>().not.toExtend<InputOf<typeof rules.retakeTypeBRule>>();
    expectTypeOf<unknown>().not.toExtend<InputOf<typeof rules.retakeTypeARule>>();
  });
});
