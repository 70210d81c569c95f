/**
 * What WeChat's error codes mean to an operator (REFERENCE §6), in zh-CN and
 * en: a short title, what happened, what to do, whether trying again can help,
 * and which field of the form is to blame. Used by the server (retries, field
 * errors) and by the browser (messages, the activity log).
 */
import type { Locale } from "../i18n/config";
import { matchTestLink } from "./match";

export type BlamedField = "prefix" | "debugUrl" | "appid" | "secret" | "path" | null;

interface Text {
  title: string;
  meaning: string;
  action: string;
}

export interface CatalogEntry {
  /** Worth retrying automatically (the product does so with backoff). */
  retryable: boolean;
  field: BlamedField;
  text: Record<Locale, Text>;
}

const entry = (retryable: boolean, field: BlamedField, zh: Text, en: Text): CatalogEntry => ({
  retryable,
  field,
  text: { "zh-CN": zh, en },
});

const busyZh = {
  title: "微信系统繁忙",
  meaning: "微信暂时无法处理请求。",
  action: "稍后重试。新增规则后遇到此错误时，请先刷新规则列表：规则可能已经添加成功。",
};
const busyEn = {
  title: "WeChat is busy",
  meaning: "WeChat could not handle the request just now.",
  action: "Try again shortly. After a failed add, refresh the rules first: the rule may have been added.",
};
const tokenZh = {
  title: "access_token 无效或已过期",
  meaning: "微信不再接受当前的调用凭证。",
  action: "系统会自动刷新并重试一次；若仍然出现，请检查该账号的 AppSecret 是否被重置。",
};
const tokenEn = {
  title: "Access token invalid or expired",
  meaning: "WeChat no longer accepts the current access token.",
  action:
    "The product refreshes it and retries once by itself; if this persists, check whether the account's AppSecret was reset.",
};
const ipZh = {
  title: "服务器 IP 不在白名单中",
  meaning: "微信只接受来自已登记 IP 的调用。",
  action: "在微信后台（开发管理 → 开发设置 → IP 白名单）加入本服务器的出口 IP。",
};
const ipEn = {
  title: "Server IP not whitelisted",
  meaning: "WeChat only accepts calls from registered IP addresses.",
  action:
    "Add this server's egress IP to the account's IP whitelist in the WeChat console (Development → Settings).",
};

export const ERROR_CATALOG: Record<number, CatalogEntry> = {
  [-1]: entry(true, null, busyZh, busyEn),
  886001: entry(true, null, busyZh, busyEn),
  40001: entry(false, null, tokenZh, tokenEn),
  42001: entry(false, null, tokenZh, tokenEn),
  40013: entry(
    false,
    "appid",
    {
      title: "AppID 无效",
      meaning: "微信不认识这个 AppID。",
      action: "核对账号的 AppID（以 wx 开头的 18 位字符）。",
    },
    {
      title: "Invalid AppID",
      meaning: "WeChat does not know this AppID.",
      action: "Check the account's AppID (18 characters starting with wx).",
    },
  ),
  40125: entry(
    false,
    "secret",
    {
      title: "AppSecret 错误",
      meaning: "AppSecret 与 AppID 不匹配。",
      action:
        "在微信后台（开发 → 开发管理 → 开发设置）重新获取 AppSecret，填入此处的 AppSecret 字段后再保存。",
    },
    {
      title: "Wrong AppSecret",
      meaning: "The AppSecret does not belong to this AppID.",
      action:
        "Get the AppSecret again in the WeChat console (Development → Development management → Development settings), enter it in the AppSecret field here and save.",
    },
  ),
  40164: entry(false, null, ipZh, ipEn),
  40243: entry(
    false,
    "secret",
    {
      title: "AppSecret 已被冻结",
      meaning: "该账号的 AppSecret 已被冻结，无法获取凭证。",
      action: "登录微信开发者平台解冻 AppSecret。",
    },
    {
      title: "AppSecret frozen",
      meaning: "The account's AppSecret is frozen, so no token can be fetched.",
      action: "Unfreeze it in the WeChat developer platform.",
    },
  ),
  45009: entry(
    false,
    null,
    {
      title: "已达每日调用上限",
      meaning: "该接口今天的调用次数已用完。",
      action: "明天再试，或在微信后台重置调用额度。",
    },
    {
      title: "Daily quota reached",
      meaning: "This API's calls for today are used up.",
      action: "Wait until tomorrow, or reset the quota in the WeChat console.",
    },
  ),
  40097: entry(
    false,
    null,
    {
      title: "参数无效",
      meaning:
        "微信拒绝了请求参数。修改规则时，微信只接受对未发布规则的测试范围、是否占用子规则和测试链接的改动；已发布的规则以及页面路径、目标小程序的改动都不能直接修改。",
      action: "这类改动需要“替换”：删除后重新添加（原先已发布的再发布一次）。其他情况请检查填写的内容。",
    },
    {
      title: "Invalid arguments",
      meaning:
        "WeChat refused the request's arguments. An edit may change only the test scope, the occupy flag and the test links of an unpublished rule; a published rule, a new page path or a new target Mini Program cannot be edited in place.",
      action:
        "Such a change is a replace: delete the rule and add it again (and publish it again if it was published). Otherwise check what was entered.",
    },
  ),
  40166: entry(
    false,
    "appid",
    {
      title: "小程序 AppID 无效",
      meaning: "该小程序 AppID 无效，或未与此服务号关联。",
      action: "核对小程序 AppID，并确认它已在服务号后台关联。",
    },
    {
      title: "Invalid Mini Program AppID",
      meaning: "The Mini Program's AppID is invalid or not linked to this Service Account.",
      action: "Check the AppID and that the Mini Program is linked to the Service Account.",
    },
  ),
  44002: entry(
    false,
    null,
    { title: "请求内容为空", meaning: "发送给微信的请求没有内容。", action: "这是产品缺陷，请联系管理员。" },
    {
      title: "Empty request",
      meaning: "The request sent to WeChat had no body.",
      action: "This is a bug in the product; tell your administrator.",
    },
  ),
  44990: entry(
    true,
    null,
    { title: "请求过于频繁", meaning: "每秒超过 5 次调用。", action: "系统会自动限速并重试，无需操作。" },
    {
      title: "Too many requests",
      meaning: "More than 5 calls a second.",
      action: "The product throttles and retries by itself; nothing to do.",
    },
  ),
  48001: entry(
    false,
    null,
    {
      title: "接口未授权：先查凭证类型，再查权限集",
      meaning:
        "微信不允许用这种凭证调用此接口。最常见的原因是凭证类型不对：小程序规则只接受第三方平台代小程序调用时的 authorizer_access_token，小程序自己的 access_token 或平台的 component_access_token 都会被拒绝；少数情况是商家没有授予所需的权限集。",
      action:
        "先确认凭证类型：自行开发的小程序请改为通过第三方平台授权接入（账号页 →“通过第三方平台为商家授权”）。若已通过平台接入，再请商家重新授权并勾选权限集 18（小程序）或 3（服务号）。",
    },
    {
      title: "API not authorized: check the token kind first, then the permission sets",
      meaning:
        "WeChat does not let this kind of token call this API. Most often the token is of the wrong kind: Mini Program rules take only the authorizer_access_token a third-party platform holds for the Mini Program, and refuse the Mini Program's own access_token and the platform's component_access_token. Less often the merchant has not granted the permission set needed.",
      action:
        "Check the token kind first: a self-developed Mini Program must be connected through a third-party platform (Accounts → Authorize a merchant through the platform). If it already is, ask the merchant to authorize again with permission set 18 (Mini Programs) or 3 (Service Accounts).",
    },
  ),
  44993: entry(
    false,
    null,
    {
      title: "该接口今日调用次数已达上限",
      meaning: "微信对这个接口设有每日调用上限，今天已经用完。",
      action: "明天再试。批量操作会在次日从中断处继续。",
    },
    {
      title: "Daily call limit of this API reached",
      meaning: "WeChat limits how often this API may be called each day, and today's calls are used up.",
      action: "Try again tomorrow. Bulk work picks up where it stopped.",
    },
  ),
  61007: entry(
    false,
    null,
    {
      title: "第三方平台缺少权限集",
      meaning:
        "商家授权给第三方平台时没有勾选所需的权限集：小程序规则需要权限集 18（小程序开发与数据分析），服务号规则需要权限集 3（账号服务）。",
      action:
        "请商家重新打开授权链接并勾选缺少的权限集。注意：权限集 18 同一时间只能授予一个服务商，授予后商家无法再在自己的小程序后台发布代码。",
    },
    {
      title: "The third-party platform lacks a permission set",
      meaning:
        "When the merchant authorized the platform, the permission set these calls need was not granted: Mini Program rules need set 18 (Mini Program development and data analysis), Service Account rules need set 3 (account services).",
      action:
        "Ask the merchant to open the authorization link again and grant the missing set. Note: set 18 can be held by one service provider at a time, and once granted the merchant can no longer release code from its own Mini Program console.",
    },
  ),
  // The third-party platform's own codes (REFERENCE §5, §6): the component and authorizer token chain.
  61003: entry(
    false,
    null,
    {
      title: "商家未授权或已取消授权",
      meaning: "该账号没有授权给本第三方平台，或者商家已经取消了授权。",
      action: "请商家重新打开授权链接完成授权（账号页 →“通过第三方平台为商家授权”）。",
    },
    {
      title: "The merchant has not authorized the platform, or withdrew",
      meaning:
        "This account has not authorized this third-party platform, or the merchant cancelled the authorization.",
      action:
        "Ask the merchant to authorize again through a new authorization link (Accounts → Authorize a merchant through the platform).",
    },
  ),
  61004: entry(
    false,
    null,
    {
      title: "服务器 IP 不在第三方平台的白名单中",
      meaning: "微信只接受来自第三方平台已登记 IP 的调用（平台令牌与代调用）。",
      action: "在微信开放平台 → 第三方平台 → 开发配置的“白名单 IP”中加入本服务器的出口 IP。",
    },
    {
      title: "Server IP not on the platform's whitelist",
      meaning:
        "WeChat only accepts the platform's calls (its tokens, and calls made for merchants) from registered IP addresses.",
      action:
        "Add this server's egress IP to the platform's IP whitelist in the WeChat Open Platform console (the platform's development settings).",
    },
  ),
  61005: entry(
    false,
    null,
    {
      title: "component_verify_ticket 已过期",
      meaning: "微信推送的票据已超过有效期，无法再用它获取平台令牌。",
      action:
        "无需操作：微信每 10 分钟推送一次新票据。若持续出现，请在设置页检查“最近票据”的时间，并确认开放平台中的授权事件接收 URL 指向本系统。",
    },
    {
      title: "The component_verify_ticket has expired",
      meaning: "The ticket WeChat pushed is too old to get the platform's token with.",
      action:
        "Nothing to do: WeChat pushes a new ticket every 10 minutes. If this persists, check the latest ticket's time under Settings, and that the authorization-event URL in the Open Platform console points here.",
    },
  ),
  61006: entry(
    false,
    null,
    {
      title: "component_verify_ticket 无效",
      meaning: "微信不接受这张票据：它不是最新推送的一张，或者属于另一个平台。",
      action:
        "等待微信的下一次推送（最多 10 分钟）。若持续出现，请核对设置页中的平台 AppID 与消息加解密密钥是否与开放平台一致。",
    },
    {
      title: "The component_verify_ticket is not valid",
      meaning:
        "WeChat does not accept this ticket: it is not the latest one pushed, or it belongs to another platform.",
      action:
        "Wait for WeChat's next push (10 minutes at most). If this persists, check that the platform AppID and EncodingAESKey under Settings match the Open Platform console.",
    },
  ),
  61009: entry(
    false,
    null,
    {
      title: "授权码无效",
      meaning: "微信不认识这个授权码，或者它属于另一个第三方平台。",
      action: "请重新创建授权链接，让商家再授权一次。",
    },
    {
      title: "Authorization code not valid",
      meaning: "WeChat does not know this authorization code, or it belongs to another third-party platform.",
      action: "Create a new authorization link and ask the merchant to authorize again.",
    },
  ),
  61010: entry(
    false,
    null,
    {
      title: "授权码已使用或已过期",
      meaning: "授权码只能使用一次，且在商家授权后约 1 小时内有效。",
      action: "请重新创建授权链接，让商家再授权一次。",
    },
    {
      title: "Authorization code used or expired",
      meaning: "An authorization code works once, within about an hour of the merchant's consent.",
      action: "Create a new authorization link and ask the merchant to authorize again.",
    },
  ),
  61011: entry(
    false,
    null,
    {
      title: "第三方平台无效",
      meaning: "微信不认识这个平台 AppID，或者请求中的平台与令牌所属的平台不一致。",
      action: "在设置页核对第三方平台的 AppID（以 wx 开头），与微信开放平台中的一致。",
    },
    {
      title: "Invalid third-party platform",
      meaning: "WeChat does not know this platform AppID, or the platform named differs from the token's.",
      action: "Check the platform AppID under Settings against the WeChat Open Platform console.",
    },
  ),
  61023: entry(
    false,
    null,
    {
      title: "authorizer_refresh_token 已失效",
      meaning: "商家重新授权后，之前的刷新令牌即失效；本系统保存的不是最新的一个。",
      action: "请商家通过新的授权链接再授权一次，本系统会保存新的刷新令牌。",
    },
    {
      title: "The authorizer refresh token is no longer valid",
      meaning:
        "Each new authorization replaces the merchant's refresh token; the one stored here is not the latest.",
      action:
        "Ask the merchant to authorize again through a new authorization link, and the new refresh token is stored.",
    },
  ),
  61024: entry(
    false,
    null,
    {
      title: "平台账号不能这样获取令牌",
      meaning:
        "第三方平台的 AppID 不能用 /cgi-bin/token 或 stable_token 获取令牌，只能用 api_component_token。",
      action: "不要把平台 AppID 作为普通账号添加；第三方平台在设置页配置，商家账号通过授权接入。",
    },
    {
      title: "A platform cannot get its token this way",
      meaning:
        "A third-party platform's AppID gets its token through api_component_token only, never /cgi-bin/token or stable_token.",
      action:
        "Do not add the platform's AppID as an ordinary account: configure the platform under Settings, and connect merchants through authorization.",
    },
  ),
  76001: entry(
    false,
    null,
    {
      title: "微信已查不到这个 rid",
      meaning:
        "微信只为发起调用的账号保存 rid 的详情，且只保存 7 天：这次调用已超过 7 天，或者它是另一个账号的调用。",
      action:
        "超过 7 天的调用无法再向微信查询；本控制台的活动记录仍保留了当时看到的全部内容。若是另一个账号的调用，请在那个账号的记录中查询。",
    },
    {
      title: "WeChat no longer has this rid",
      meaning:
        "WeChat keeps a rid's details for 7 days, and only for the account that made the call: this call is older than that, or it was another account's.",
      action:
        "A call older than 7 days cannot be looked up at WeChat any more; this console's activity entry still holds everything it saw. If it was another account's call, look it up from that account's entry.",
    },
  ),
  76002: entry(
    false,
    null,
    {
      title: "rid 格式不正确",
      meaning: "微信认为这不是一个有效的 rid。",
      action: "从错误信息中完整复制 rid（形如 xxxxxxxx-xxxxxxxx-xxxxxxxx）再查询。",
    },
    {
      title: "Not a valid rid",
      meaning: "WeChat does not recognise this as a rid.",
      action: "Copy the whole rid from the error (like xxxxxxxx-xxxxxxxx-xxxxxxxx) and look it up again.",
    },
  ),
  76003: entry(
    false,
    null,
    {
      title: "rid 属于另一个账号",
      meaning: "这个 rid 来自另一个账号的调用，只能用发起调用的账号查询。",
      action: "选择发起这次调用的账号后再查询。",
    },
    {
      title: "The rid belongs to another account",
      meaning:
        "This rid comes from another account's call; only the account that made the call can look it up.",
      action: "Look it up with the account that made the call.",
    },
  ),
  85066: entry(
    false,
    "prefix",
    {
      title: "链接格式错误",
      meaning: "规则前缀不是微信接受的链接（格式、协议或域名有误）。",
      action: "检查前缀：以 http:// 或 https:// 开头，不含空格和全角字符。",
    },
    {
      title: "Invalid link",
      meaning: "The prefix is not a link WeChat accepts (format, scheme or domain).",
      action:
        "Check the prefix: it starts with http:// or https:// and has no spaces or full-width characters.",
    },
  ),
  85068: entry(
    false,
    "debugUrl",
    {
      title: "测试链接不在规则之下",
      meaning: "测试链接必须与前缀协议、域名相同，并位于前缀路径之下。",
      action: "修改标出的测试链接。",
    },
    {
      title: "Test link not under the rule",
      meaning: "A test link must have the prefix's scheme and host and lie under its path.",
      action: "Fix the test links marked below.",
    },
  ),
  85069: entry(
    false,
    "prefix",
    {
      title: "校验文件检查失败",
      meaning: "微信没有在规定位置取到正确的校验文件。",
      action: "重新下载校验文件，放在前缀最后一级目录下，确认可以公开访问后再试。",
    },
    {
      title: "Verification file check failed",
      meaning: "WeChat did not find the right verification file where it looked.",
      action:
        "Download the file again, serve it from the prefix's last directory, check it is publicly reachable, then retry.",
    },
  ),
  85070: entry(
    false,
    "prefix",
    { title: "链接在黑名单中", meaning: "该域名或链接被微信禁止使用。", action: "换用其他链接。" },
    {
      title: "Link blacklisted",
      meaning: "WeChat does not allow this domain or link.",
      action: "Use another link.",
    },
  ),
  85071: entry(
    false,
    "prefix",
    { title: "规则已存在", meaning: "已经有这个前缀的规则。", action: "在规则列表中找到它并编辑。" },
    {
      title: "Rule already exists",
      meaning: "There is already a rule with this prefix.",
      action: "Find it in the rule list and edit it instead.",
    },
  ),
  85072: entry(
    false,
    "prefix",
    {
      title: "前缀已被占用",
      meaning: "另一个小程序占用了这个前缀（微信不透露是谁）。",
      action: "联系占用该前缀的小程序的所有者，或使用其他前缀。",
    },
    {
      title: "Prefix occupied",
      meaning: "Another Mini Program occupies this prefix (WeChat does not say which).",
      action: "Contact the owner of that Mini Program, or use another prefix.",
    },
  ),
  85073: entry(
    false,
    null,
    {
      title: "规则数量已满",
      meaning:
        "一个小程序最多有 100 条普通链接二维码规则；一个小程序在公众号二维码规则上一生最多可添加或修改 100,000 次。",
      action:
        "删除不再使用的规则后再添加。公众号规则的 100,000 次额度用完后不会恢复：请改用另一个关联的小程序。",
    },
    {
      title: "Rule limit reached",
      meaning:
        "A Mini Program may have at most 100 ordinary-link rules; Service Account rules may be added or edited at most 100,000 times per Mini Program over its lifetime.",
      action:
        "Delete rules that are no longer used, then add again. A Service Account rule budget of 100,000 does not come back once spent: open another linked Mini Program instead.",
    },
  ),
  85074: entry(
    false,
    null,
    {
      title: "小程序尚未发布",
      meaning: "小程序还没有已发布的正式版代码。",
      action: "先发布小程序正式版，再发布规则。",
    },
    {
      title: "Mini Program not released",
      meaning: "The Mini Program has no released code yet.",
      action: "Release the Mini Program, then publish the rule.",
    },
  ),
  85075: entry(
    false,
    null,
    {
      title: "个人主体小程序不可用",
      meaning: "个人主体的小程序不能使用扫码打开小程序功能。",
      action: "使用企业或组织主体的小程序。",
    },
    {
      title: "Not available to personal Mini Programs",
      meaning: "Mini Programs registered by individuals cannot use this feature.",
      action: "Use a Mini Program registered by an organisation.",
    },
  ),
  85076: entry(
    false,
    "prefix",
    {
      title: "域名未备案",
      meaning: "前缀的域名没有通过 ICP 备案检查。",
      action: "为域名办理 ICP 备案（新备案约需 3 个工作日生效）。",
    },
    {
      title: "Domain without ICP filing",
      meaning: "The prefix's domain failed the ICP filing check.",
      action: "File the domain with the ICP (a new filing takes about 3 working days).",
    },
  ),
  85095: entry(
    false,
    null,
    { title: "规则数据异常", meaning: "微信中这条规则的数据已损坏。", action: "删除后重新添加这条规则。" },
    {
      title: "Rule data abnormal",
      meaning: "WeChat's data for this rule is damaged.",
      action: "Delete the rule and add it again.",
    },
  ),
  886000: entry(
    false,
    null,
    {
      title: "本月发布次数已用完",
      meaning: "本月的规则发布次数（约 100 次）已经用完；删除规则不会返还次数。",
      action: "下个月再发布。",
    },
    {
      title: "Monthly publish quota used up",
      meaning: "This month's rule publishes (about 100) are used up; deleting rules does not give them back.",
      action: "Publish next month.",
    },
  ),
};

/** 44990, over the 5-a-second limit: worth retrying, and WeChat did nothing with the call. */
export const RATE_LIMITED = 44990;

/**
 * WeChat was busy (-1, 886001): worth retrying, but the call may have been carried out, so a change
 * is read back before it is sent again. The retryable codes other than the rate limit.
 */
export const BUSY_ERRCODES: ReadonlySet<number> = new Set(
  Object.entries(ERROR_CATALOG)
    .filter(([code, known]) => known.retryable && Number(code) !== RATE_LIMITED)
    .map(([code]) => Number(code)),
);

/**
 * A change WeChat did not answer in time. While the product waits out the settle window and reads
 * WeChat's rules, `checking`; when the rules could not be read either, the final text: the change
 * may or may not have been made, and it was not sent again.
 */
export const OUTCOME_UNKNOWN: Record<Locale, Text & { checking: string }> = {
  "zh-CN": {
    checking: "微信未及时响应，正在核实改动是否已生效…",
    title: "结果未知：微信未及时响应",
    meaning:
      "微信没有及时答复，随后也无法读取规则列表，因此无法确定这次改动是否已经生效。为避免重复执行（例如重复消耗发布次数），系统没有再次发送。",
    action: "请先同步规则列表并检查这条规则，确认改动未生效后再重试。",
  },
  en: {
    checking: "WeChat did not answer in time; checking whether the change was made…",
    title: "Outcome unknown: WeChat did not answer in time",
    meaning:
      "WeChat did not answer in time, and its rules could not be read afterwards, so whether the change was made is unknown. It was not sent again, so that it cannot be applied twice (a second publish would spend another of the month's publishes).",
    action: "Sync the rule list and check the rule before trying again.",
  },
};

export interface ErrorExplanation extends Text {
  errcode: number;
  /**
   * WeChat's errmsg without its rid, as sent: often empty (886000, 85076) or odd (85066 as
   * "【规则设置】illegal prefix"), so it is shown raw and never used to decide anything.
   */
  raw: string;
  known: boolean;
  retryable: boolean;
  field: BlamedField;
  /** For 85068: the indexes of the test links that do not match the prefix. */
  offendingLinks?: number[];
}

/**
 * The explanation of an errcode in a language, decided on the errcode alone; unknown codes show the
 * raw code and errmsg.
 */
export function explainWeChatError(
  errcode: number,
  errmsg: string,
  locale: Locale,
  context?: { prefix?: string; debugUrls?: string[] },
): ErrorExplanation {
  const known = ERROR_CATALOG[errcode];
  const raw = errmsg.replace(/\s*rid:\s*\S+\s*$/, "").trim();
  if (!known) {
    return {
      errcode,
      raw,
      known: false,
      retryable: false,
      field: null,
      title: locale === "zh-CN" ? `微信错误 ${errcode}` : `WeChat error ${errcode}`,
      meaning: raw,
      action: locale === "zh-CN" ? "记下 rid 并联系微信支持。" : "Note the rid and contact WeChat support.",
    };
  }
  const explanation: ErrorExplanation = {
    errcode,
    raw,
    known: true,
    retryable: known.retryable,
    field: known.field,
    ...known.text[locale],
  };
  if (errcode === 85068 && context?.prefix && context.debugUrls) {
    const prefix = context.prefix;
    explanation.offendingLinks = context.debugUrls.flatMap((link, index) =>
      matchTestLink(prefix, link).ok ? [] : [index],
    );
  }
  return explanation;
}

/** The rid WeChat put at the end of an errmsg, if any. */
export function ridOf(errmsg: string): string | null {
  return /rid:\s*(\S+)\s*$/.exec(errmsg)?.[1] ?? null;
}
