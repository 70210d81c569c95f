import "server-only";

import type { ActionError } from "@/lib/action-result";
import type { RuleRef } from "@/lib/rules/contract";

import { ActionFailure } from "../actions/failure";
import type { ActivityDraft } from "../activity/track";
import type { WeChatAccount } from "../db/schema";
import type { RequestContext } from "../request-context";
import type { AccountClient, AccountCredentials } from "../wechat";
import { visibleAccount } from "../access/grants";
import { credentialsOf } from "../accounts";
import { accountViewOf } from "./account-view-of";
import type { SyncTarget } from "./sync";

export interface TypeAValues {
  prefix: string;
  permitSubRule: 1 | 2;
  path: string;
  openVersion: 1 | 2 | 3;
  debugUrls: string[];
}

export interface TypeBValues {
  prefix: string;
  appid: string;
  path: string;
}

export type RuleValues = ({ kind: "A" } & TypeAValues) | ({ kind: "B" } & TypeBValues);

export interface Scope {
  account: WeChatAccount;
  linked: string[];
  credentials: AccountCredentials;
  client: AccountClient;
  target: SyncTarget;
}

/** Opens the account the operator may act on: its linked Mini Programs, its credentials and a WeChat client for the action. */
export async function openScope(
  context: RequestContext,
  accountId: string,
  actionId: string | null = null,
  draft?: ActivityDraft,
): Promise<Scope> {
  const account = await visibleAccount(context.db, context.operator, accountId);
  if (!account) throw new ActionFailure({ code: "NOT_FOUND", message: context.t("accountNotFound") });
  if (draft) draft.account = { id: account.id, appid: account.appid, name: account.name };
  const view = await accountViewOf(context.db, account);
  const linked = view.linkedMiniPrograms.map((link) => link.appid);
  const credentials = credentialsOf(account, context.box);
  const client = context.wechat.forAccount(credentials, { operatorId: context.operator.id, actionId });
  return {
    account,
    linked,
    credentials,
    client,
    target: { accountId: account.id, kind: account.kind, appid: account.appid, linkedMiniPrograms: linked },
  };
}

export function fail(error: ActionError): never {
  throw new ActionFailure(error);
}

export function targetOf(scope: Scope, ref: RuleRef): string {
  return scope.account.kind === "miniprogram" ? scope.account.appid : (ref.targetAppid ?? "");
}

export function checkValuesFit(context: RequestContext, scope: Scope, values: RuleValues): void {
  const kindFits = (values.kind === "A") === (scope.account.kind === "miniprogram");
  if (!kindFits) fail({ code: "INVALID_INPUT", message: context.t("internal") });
  if (values.kind === "B" && !scope.linked.includes(values.appid)) {
    const message = context.t("linkNotLinked");
    fail({ code: "INVALID_INPUT", message, fieldErrors: { appid: [message] } });
  }
}

export async function sendRule(
  scope: Scope,
  values: RuleValues,
  edit: boolean,
  resume = true,
): Promise<void> {
  if (values.kind === "A") {
    await scope.client.saveTypeA(
      {
        prefix: values.prefix,
        permitSubRule: values.permitSubRule,
        path: values.path,
        openVersion: values.openVersion,
        debugUrls: values.debugUrls,
      },
      { edit, resume },
    );
  } else {
    await scope.client.saveTypeB(
      { prefix: values.prefix, appid: values.appid, path: values.path },
      { edit, resume },
    );
  }
}

export function factsOf(scope: Scope, values: RuleValues) {
  return values.kind === "A"
    ? {
        targetAppid: scope.account.appid,
        prefix: values.prefix,
        path: values.path,
        state: 1 as const,
        permitSubRule: values.permitSubRule,
        openVersion: values.openVersion,
        debugUrls: values.debugUrls,
      }
    : { targetAppid: values.appid, prefix: values.prefix, path: values.path, state: 1 as const };
}
