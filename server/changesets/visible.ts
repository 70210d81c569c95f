import "server-only";

import { ActionFailure } from "../actions/failure";
import { visibleAccount } from "../access/grants";
import type { RequestContext } from "../request-context";
import { type ChangeSetRow, readChangeSet } from "./store";

/** A change set of an account the operator may see; NOT_FOUND otherwise (whether it exists is not told). */
export async function visibleChangeSet(context: RequestContext, changeSetId: string): Promise<ChangeSetRow> {
  const changeSet = await readChangeSet(context.db, changeSetId);
  if (!changeSet || !(await visibleAccount(context.db, context.operator, changeSet.accountId)))
    throw new ActionFailure({ code: "NOT_FOUND", message: context.t("changeSetNotFound") });
  return changeSet;
}
