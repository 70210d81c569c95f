import "server-only";

import {
  type AddTypeARequest,
  type AddTypeBRequest,
  type DeleteTypeARequest,
  type DeleteTypeBRequest,
  type GetTypeBRequest,
  type PublishRequest,
  type RidGetRequest,
  type RidRecord,
  type TypeAList,
  type TypeARule,
  type TypeBList,
  type TypeBRule,
  type VerificationFile,
  okAnswer,
  ridAnswer,
  typeAListAnswer,
  typeBListAnswer,
  verificationFileAnswer,
} from "@/lib/wechat/types";
import type { z } from "zod";

import type { CallSpec } from "./call-spec";
import type { WeChatClient } from "./client";
import type { AccountCredentials, CallContext, TypeARuleInput, TypeBRuleInput } from "./types";

/** An add that meets 85071 for a rule identical to what it sends: sent before (e.g. by a process that crashed). */
const ALREADY_THERE = "already there, as sent";

/** The WeChat calls of one account. */
export class AccountClient {
  constructor(
    private readonly client: WeChatClient,
    readonly account: AccountCredentials,
    private readonly context: CallContext,
  ) {}

  private call<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.output<S>> {
    return this.client.call(this.account, this.context, spec);
  }

  private requireKind(kind: AccountCredentials["kind"], operation: string): void {
    if (this.account.kind !== kind)
      throw new Error(`${operation} needs a ${kind} account, ${this.account.appid} is not one`);
  }

  /**
   * Adds (or, with `edit`, modifies) a type-A rule of a Mini Program. An add that meets 85071 for a
   * rule exactly as sent is a success ("already there, as sent": it was sent before, by a process
   * that died or a call whose answer was lost), unless `resume` is false: a caller that already
   * knows the rule exists wants the refusal.
   */
  async saveTypeA(rule: TypeARuleInput, options: { edit: boolean; resume?: boolean }): Promise<void> {
    this.requireKind("miniprogram", "a type-A rule");
    const body = {
      prefix: rule.prefix,
      permit_sub_rule: rule.permitSubRule,
      path: rule.path,
      open_version: rule.openVersion,
      debug_url: rule.debugUrls,
      is_edit: options.edit ? 1 : 0,
    } satisfies AddTypeARequest;
    const sameAsSent = (found: TypeARule | undefined) =>
      found !== undefined &&
      found.path === rule.path &&
      found.permit_sub_rule === rule.permitSubRule &&
      found.open_version === rule.openVersion &&
      JSON.stringify([...found.debug_url].sort()) === JSON.stringify([...rule.debugUrls].sort());
    const isThere = async () =>
      sameAsSent((await this.listTypeA()).rule_list.find((found) => found.prefix === rule.prefix));
    await this.add(body, options, isThere);
  }

  /** Adds (or modifies) a type-B rule of a Service Account; 85071 as for saveTypeA. */
  async saveTypeB(rule: TypeBRuleInput, options: { edit: boolean; resume?: boolean }): Promise<void> {
    this.requireKind("officialaccount", "a type-B rule");
    const isThere = async () => (await this.findTypeB(rule.appid, rule.prefix))?.path === rule.path;
    const body = {
      prefix: rule.prefix,
      appid: rule.appid,
      path: rule.path,
      is_edit: options.edit ? 1 : 0,
    } satisfies AddTypeBRequest;
    await this.add(body, options, isThere);
  }

  /**
   * `qrcodejumpadd` of either kind: `isThere` tells from WeChat's rules whether the rule stands as sent,
   * which settles an uncertain attempt and turns an 85071 for the same rule into "already there, as sent".
   */
  private async add(
    body: AddTypeARequest | AddTypeBRequest,
    options: { edit: boolean; resume?: boolean },
    isThere: () => Promise<boolean>,
  ): Promise<void> {
    await this.call({
      operation: options.edit ? "edit" : "add",
      path: "/cgi-bin/wxopen/qrcodejumpadd",
      body,
      schema: okAnswer,
      prefix: body.prefix,
      throttled: true,
      settled: isThere,
      spendsAddBudgetOf: "appid" in body ? body.appid : undefined,
      alreadyDone: options.edit
        ? undefined
        : {
            errcode: 85071,
            onlyAfterUncertain: options.resume === false,
            confirm: isThere,
            note: ALREADY_THERE,
          },
    });
  }

  /** Deletes a rule; `appid` (the Mini Program) is needed for a Service Account's rule. */
  async deleteRule(prefix: string, appid?: string): Promise<void> {
    // A Service Account's delete sent without its Mini Program's appid is WeChat's to refuse.
    const body: DeleteTypeARequest | DeleteTypeBRequest =
      this.account.kind === "officialaccount" && appid !== undefined ? { prefix, appid } : { prefix };
    const isGone = async () => (await this.findRule(prefix, appid)) === undefined;
    await this.call({
      operation: "delete",
      path: "/cgi-bin/wxopen/qrcodejumpdelete",
      body,
      schema: okAnswer,
      prefix,
      throttled: true,
      settled: isGone,
      // WeChat answers 40097 for a prefix it does not have: after an uncertain attempt, that
      // attempt may be what removed it.
      alreadyDone: {
        errcode: 40097,
        onlyAfterUncertain: true,
        confirm: isGone,
        note: "not there any more: an earlier attempt had deleted it",
      },
    });
  }

  /** Publishes a rule; reading first after an uncertain failure keeps a publish from being spent twice. */
  async publishRule(prefix: string, appid?: string): Promise<void> {
    await this.call({
      operation: "publish",
      path: "/cgi-bin/wxopen/qrcodejumppublish",
      body: { prefix } satisfies PublishRequest,
      schema: okAnswer,
      prefix,
      throttled: true,
      settled: async () => (await this.findRule(prefix, appid))?.state === 2,
    });
  }

  /** All type-A rules of the Mini Program, with the feature switch, publishes left and the rule limit. */
  listTypeA(): Promise<TypeAList> {
    this.requireKind("miniprogram", "type-A rules");
    return this.call({
      operation: "get",
      path: "/cgi-bin/wxopen/qrcodejumpget",
      body: {},
      schema: typeAListAnswer,
      throttled: true,
    });
  }

  /** One page (1-based) of a Service Account's rules for one Mini Program; page_size at most 200. */
  listTypeBPage(appid: string, page: number, pageSize = 200): Promise<TypeBList> {
    this.requireKind("officialaccount", "type-B rules");
    return this.call({
      operation: "get",
      path: "/cgi-bin/wxopen/qrcodejumpget",
      body: { appid, get_type: 2, page_num: page, page_size: pageSize } satisfies GetTypeBRequest,
      schema: typeBListAnswer,
      throttled: true,
    });
  }

  /** Every type-B rule for one Mini Program, walking all pages. */
  async listAllTypeB(appid: string): Promise<TypeBList> {
    const first = await this.listTypeBPage(appid, 1);
    const rules = [...first.rule_list];
    for (
      let page = 2;
      rules.length < first.total_count && page <= Math.ceil(first.total_count / 200);
      page++
    ) {
      rules.push(...(await this.listTypeBPage(appid, page)).rule_list);
    }
    return { ...first, rule_list: rules };
  }

  /** Looks up to 200 type-B prefixes. */
  findTypeBPrefixes(appid: string, prefixes: string[]): Promise<TypeBList> {
    this.requireKind("officialaccount", "type-B rules");
    return this.call({
      operation: "get",
      path: "/cgi-bin/wxopen/qrcodejumpget",
      body: { appid, get_type: 1, prefix_list: prefixes } satisfies GetTypeBRequest,
      schema: typeBListAnswer,
      throttled: true,
    });
  }

  /** The verification file a Mini Program must serve before adding a rule. */
  downloadVerificationFile(): Promise<VerificationFile> {
    return this.call({
      operation: "download",
      path: "/cgi-bin/wxopen/qrcodejumpdownload",
      body: {},
      schema: verificationFileAnswer,
      throttled: true,
    });
  }

  /** What WeChat saw of a failed call, by its rid (kept 7 days). */
  async lookupRid(rid: string): Promise<RidRecord> {
    const answer = await this.call({
      operation: "rid_get",
      path: "/cgi-bin/openapi/rid/get",
      body: { rid } satisfies RidGetRequest,
      schema: ridAnswer,
      throttled: false,
    });
    return answer.request;
  }

  private async findTypeB(appid: string, prefix: string): Promise<TypeBRule | undefined> {
    return (await this.findTypeBPrefixes(appid, [prefix])).rule_list.find((rule) => rule.prefix === prefix);
  }

  /** One rule as WeChat has it now (a Service Account's by the Mini Program it opens), or undefined. */
  async findRule(prefix: string, appid?: string): Promise<TypeARule | TypeBRule | undefined> {
    if (this.account.kind === "miniprogram")
      return (await this.listTypeA()).rule_list.find((rule) => rule.prefix === prefix);
    if (!appid) throw new Error("a Service Account's rule is found by its Mini Program appid");
    return this.findTypeB(appid, prefix);
  }
}
