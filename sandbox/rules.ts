/**
 * The qrcodejump family (REFERENCE §1–4). The rule type follows the calling
 * account: a Mini Program's token manages type-A rules, a Service Account's
 * token type-B rules. URL checks come from lib/wechat/match, as in the product.
 */
import { checkPrefix, matchTestLink, prefixCovers, verificationFileUrl } from "../lib/wechat/match";
import {
  GET_TYPE_0_LIMIT,
  type TypeAListAnswer,
  type TypeBListAnswer,
  type TypeBRule,
  type VerificationFileAnswer,
  addTypeARequest,
  addTypeBRequest,
  deleteTypeARequest,
  deleteTypeBRequest,
  getTypeBRequest,
  publishRequest,
} from "../lib/wechat/types";
import { fail, parseBody } from "./errors";
import type { Account, SandboxState } from "./state";
import type { StoredTypeBRule } from "./types";

const VERIFICATION_TIMEOUT_MS = 3000;

export class RuleService {
  constructor(private readonly state: SandboxState) {}

  private usable(account: Account): void {
    if (account.personal) fail(85075);
  }

  async add(account: Account, body: unknown): Promise<void> {
    this.usable(account);
    if (account.kind === "officialaccount") return this.addTypeB(account, body);

    const input = parseBody(addTypeARequest, body);
    const { prefix } = input;
    const debugUrls = input.debug_url ?? [];
    if (!checkPrefix(prefix, "A").ok) fail(85066);
    if (this.state.isBlacklisted(prefix)) fail(85070);
    if (this.state.lacksIcpFiling(prefix)) fail(85076);
    for (const link of debugUrls) if (!matchTestLink(prefix, link).ok) fail(85068);

    const checkTarget = (): void => {
      const existing = account.rulesA.get(prefix);
      if (input.is_edit === 1) {
        if (!existing || existing.state === 2) fail(40097);
        // As observed on WeChat: an edit changes open_version, permit_sub_rule and debug_url only.
        if (account.edits === "narrow" && existing.path !== input.path) fail(40097);
        return;
      }
      if (existing) fail(85071);
      if (this.occupiedByAnother(account, prefix)) fail(85072);
      if (account.rulesA.size >= account.ruleLimit) fail(85073);
    };
    checkTarget();
    await this.verify(account, prefix);
    // The fetch gave other calls a chance to run: the rule may have been added or published meanwhile.
    checkTarget();
    account.rulesA.set(prefix, {
      prefix,
      permit_sub_rule: input.permit_sub_rule,
      path: input.path,
      open_version: input.open_version,
      debug_url: [...debugUrls],
      state: 1,
    });
  }

  /** 85072: another Mini Program holds this very prefix, or occupies (permit_sub_rule 2) a prefix covering it. */
  private occupiedByAnother(account: Account, prefix: string): boolean {
    for (const other of this.state.accounts.values()) {
      if (other === account || other.kind !== "miniprogram") continue;
      for (const rule of other.rulesA.values()) {
        if (rule.prefix === prefix || (rule.permit_sub_rule === 2 && prefixCovers(rule.prefix, prefix)))
          return true;
      }
    }
    return false;
  }

  /**
   * 85069: fetches `<last directory of the prefix>/<file_name>` over plain
   * HTTP from the prefix's host and port, whatever the prefix's scheme (or
   * from `verificationOrigin` when the reset named one), and compares it with
   * the account's file. No redirects are followed.
   */
  private async verify(account: Account, prefix: string): Promise<void> {
    if (this.state.verification === "off") return;
    const { file_name: fileName, file_content: content } = account.verificationFile;
    const location = /^[a-z]+:\/\/([^/]+)(\/.*)$/i.exec(verificationFileUrl(prefix, fileName) ?? "");
    if (!location) fail(85069);
    const [, host = "", path = "/"] = location;
    const url = `${this.state.verificationOrigin ?? `http://${host}`}${path}`;
    let text: string;
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(VERIFICATION_TIMEOUT_MS),
        redirect: "manual",
      });
      text = response.status === 200 ? await response.text() : "";
    } catch {
      text = "";
    }
    if (text.trim() !== content) fail(85069);
  }

  private addTypeB(account: Account, body: unknown): void {
    const input = parseBody(addTypeBRequest, body);
    if (!checkPrefix(input.prefix, "B").ok) fail(85066);
    if (!account.linkedMiniPrograms.has(input.appid)) fail(40166);
    // The Mini Program's lifetime budget: every add or edit that names a linked Mini Program with a
    // well-formed prefix spends one, whether it then succeeds or not; once spent, 85073.
    if (this.state.typeBAddsLeft(input.appid) === 0) fail(85073);
    this.state.spendTypeBAdd(input.appid);
    const existing = account.rulesB.get(input.prefix);
    if (input.is_edit === 1) {
      if (!existing || existing.state === 2 || existing.appid !== input.appid) fail(40097);
      if (account.edits === "narrow" && existing.path !== input.path) fail(40097);
    } else {
      if (existing) fail(85071);
      if (account.rulesB.size >= account.ruleLimit) fail(85073);
    }
    account.rulesB.set(input.prefix, {
      prefix: input.prefix,
      appid: input.appid,
      path: input.path,
      state: 1,
    });
  }

  remove(account: Account, body: unknown): void {
    this.usable(account);
    if (account.kind === "miniprogram") {
      const { prefix } = parseBody(deleteTypeARequest, body);
      if (!account.rulesA.delete(prefix)) fail(40097);
      return;
    }
    const input = parseBody(deleteTypeBRequest, body);
    if (!account.linkedMiniPrograms.has(input.appid)) fail(40166);
    const rule = account.rulesB.get(input.prefix);
    if (!rule || rule.appid !== input.appid) fail(40097);
    account.rulesB.delete(input.prefix);
  }

  /** Puts a rule live; every publish spends one of the month's quota, republishing included. */
  publish(account: Account, body: unknown): void {
    this.usable(account);
    const { prefix } = parseBody(publishRequest, body);
    const rule = account.kind === "miniprogram" ? account.rulesA.get(prefix) : account.rulesB.get(prefix);
    if (!rule) fail(40097);
    const miniProgram =
      account.kind === "miniprogram" ? account : this.state.accounts.get((rule as StoredTypeBRule).appid);
    if (miniProgram && !miniProgram.released) fail(85074);
    if (this.state.publishesLeft(account) === 0) fail(886000);
    this.state.spendPublish(account);
    rule.state = 2;
  }

  get(account: Account, body: unknown): TypeAListAnswer | TypeBListAnswer {
    this.usable(account);
    const common = {
      errcode: 0,
      errmsg: "ok",
      qrcodejump_open: 1,
      qrcodejump_pub_quota: this.state.publishesLeft(account),
    } as const;
    if (account.kind === "miniprogram") {
      const ruleList = [...account.rulesA.values()].map((rule) => ({
        ...rule,
        debug_url: [...rule.debug_url],
      }));
      return { ...common, rule_list: ruleList, list_size: ruleList.length };
    }

    const input = parseBody(getTypeBRequest, body);
    if (!account.linkedMiniPrograms.has(input.appid)) fail(40166);
    const all: StoredTypeBRule[] = [];
    for (const rule of account.rulesB.values()) if (rule.appid === input.appid) all.push(rule);

    let selected: StoredTypeBRule[];
    if (input.get_type === 0) {
      selected = all.slice(-GET_TYPE_0_LIMIT);
    } else if (input.get_type === 1) {
      const wanted = input.prefix_list ?? fail(40097);
      const byPrefix = new Map(all.map((rule) => [rule.prefix, rule]));
      selected = [...new Set(wanted)].flatMap((prefix) => {
        const rule = byPrefix.get(prefix);
        return rule ? [rule] : [];
      });
    } else {
      const page = input.page_num ?? fail(40097);
      const size = input.page_size ?? fail(40097);
      // Page 1 of an empty list is an empty page; any page past the last one is an error.
      if (page > Math.max(1, Math.ceil(all.length / size))) fail(40097);
      selected = all.slice((page - 1) * size, page * size);
    }
    const ruleList: TypeBRule[] = selected.map((rule) => ({
      prefix: rule.prefix,
      path: rule.path,
      state: rule.state,
    }));
    return { ...common, rule_list: ruleList, list_size: ruleList.length, total_count: all.length };
  }

  download(account: Account, body: unknown): VerificationFileAnswer {
    this.usable(account);
    if (body === null || typeof body !== "object" || Array.isArray(body)) fail(47001);
    // Only ordinary-link rules (type A) are verified; a Service Account has no file.
    if (account.kind !== "miniprogram") fail(48001);
    return { errcode: 0, errmsg: "ok", ...account.verificationFile };
  }
}
