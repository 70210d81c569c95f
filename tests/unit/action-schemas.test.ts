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

import type * as accountSchemas from "@/lib/schemas/accounts";
import type * as activitySchemas from "@/lib/schemas/activity";
import type * as changeSetSchemas from "@/lib/schemas/changesets";
import type * as operatorSchemas from "@/lib/schemas/operators";
import type * as ruleSchemas from "@/lib/schemas/rules";
import type * as scanSchemas from "@/lib/schemas/scan";
import type * as settingsSchemas from "@/lib/schemas/settings";
import type * as accounts from "@/server/actions/accounts";
import type * as activity from "@/server/actions/activity";
import type * as changeSets from "@/server/actions/change-sets";
import type * as operators from "@/server/actions/operators";
import type * as rules from "@/server/actions/rules";
import type * as scan from "@/server/actions/scan";
import type * as settings from "@/server/actions/update-settings";
import type * as verification from "@/server/actions/verification";

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

/** Each action and the schema its file passes to the wrapper. */
type ActionSchemas = {
  saveTypeARule: typeof ruleSchemas.saveTypeAInput;
  saveTypeBRule: typeof ruleSchemas.saveTypeBInput;
  publishRule: typeof ruleSchemas.ruleActionInput;
  deleteRule: typeof ruleSchemas.ruleActionInput;
  syncRules: typeof ruleSchemas.accountInput;
  checkAccountCapability: typeof ruleSchemas.accountInput;
  getVerificationFile: typeof ruleSchemas.accountInput;
  hostVerificationFile: typeof ruleSchemas.accountInput;
  getVerificationHosting: typeof ruleSchemas.accountInput;
  preflightVerification: typeof ruleSchemas.preflightVerificationInput;
  recheckVerification: typeof ruleSchemas.accountInput;
  createAccount: typeof accountSchemas.accountCreateSchema;
  updateAccount: typeof accountSchemas.accountUpdateSchema;
  setAccountDisabled: typeof accountSchemas.setAccountDisabledSchema;
  deleteAccount: typeof accountSchemas.accountIdSchema;
  lookupRid: typeof activitySchemas.ridLookupSchema;
  createOperator: typeof operatorSchemas.operatorCreateSchema;
  updateOperator: typeof operatorSchemas.operatorUpdateSchema;
  setOperatorDisabled: typeof operatorSchemas.setOperatorDisabledSchema;
  resetOperatorPassword: typeof operatorSchemas.resetOperatorPasswordSchema;
  listOperatorSessions: typeof operatorSchemas.operatorSessionsSchema;
  signOutOperatorEverywhere: typeof operatorSchemas.operatorSessionsSchema;
  setPasswordWithToken: typeof operatorSchemas.setPasswordSchema;
  updateSettings: typeof settingsSchemas.settingsSchema;
  importRules: typeof changeSetSchemas.importRulesInput;
  planRuleSelection: typeof changeSetSchemas.planSelectionInput;
  applyChangeSet: typeof changeSetSchemas.changeSetInput;
  requestChangeSetApproval: typeof changeSetSchemas.changeSetInput;
  decideChangeSet: typeof changeSetSchemas.decideChangeSetInput;
  controlChangeSet: typeof changeSetSchemas.controlChangeSetInput;
  discardChangeSet: typeof changeSetSchemas.changeSetInput;
  retryChangeSet: typeof changeSetSchemas.changeSetInput;
  setChangeApproval: typeof changeSetSchemas.changeApprovalInput;
  checkDrift: typeof changeSetSchemas.driftInput;
  adoptDrift: typeof changeSetSchemas.driftInput;
  planDriftRevert: typeof changeSetSchemas.driftInput;
  simulateScan: typeof scanSchemas.simulateScanInput;
  checkPrefixOverlaps: typeof scanSchemas.prefixOverlapInput;
};

type Actions = typeof rules &
  typeof accounts &
  typeof activity &
  typeof operators &
  typeof settings &
  typeof changeSets &
  typeof scan &
  typeof verification;

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
    // Every action the files export is in the table…
    expectTypeOf<keyof Actions>().toEqualTypeOf<keyof ActionSchemas>();
    // …and takes exactly its schema's input.
    expectTypeOf<{ [name in keyof ActionSchemas]: InputOf<Actions[name]> }>().toEqualTypeOf<{
      [name in keyof ActionSchemas]: z.input<ActionSchemas[name]>;
    }>();

    // A replace runs only when the operator confirmed it; a type-B edit may name the Mini Program it opened
    // before. A rule without its account is refused at compile time.
    expectTypeOf<InputOf<typeof rules.saveTypeARule>>().toHaveProperty("confirmReplace");
    expectTypeOf<InputOf<typeof rules.saveTypeBRule>>().toHaveProperty("fromAppid");
    expectTypeOf<InputOf<typeof rules.saveTypeARule>>().not.toHaveProperty("fromAppid");
    expectTypeOf<{ prefix: string }>().not.toExtend<InputOf<typeof rules.saveTypeBRule>>();
    expectTypeOf<unknown>().not.toExtend<InputOf<typeof rules.saveTypeARule>>();
  });
});
