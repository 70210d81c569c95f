/**
 * The authorization page (授权页) at WeChat's path, `/cgi-bin/componentloginpage` (on
 * mp.weixin.qq.com; here on the sandbox's own address): a simulated merchant admin picks one of the
 * sandbox's accounts and the permission sets to grant, and is redirected to
 * `redirect_uri?auth_code=…&expires_in=3600`. Plain HTML, a form POST and a 303: no script at all.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import { BodyTooLarge, readBody } from "./http";
import { ConsentError } from "./platform";
import type { Account, Platform } from "./state";
import type { SandboxWorld } from "./world";

export const LOGIN_PAGE_PATH = "/cgi-bin/componentloginpage";
const MAX_FORM_BYTES = 64 * 1024;

const SET_NAMES: Record<number, { en: string; zh: string; note?: string }> = {
  3: { en: "Account services", zh: "帐号服务权限", note: "Service Accounts: their QR code rules (type B)." },
  18: {
    en: "Mini Program development and data analysis",
    zh: "开发管理与数据分析权限",
    note: "Mini Programs: their QR code rules (type A). Exclusive: one platform at a time, and once it is granted the merchant can no longer release code from its own Mini Program console.",
  },
  33: {
    en: "Mini Program management",
    zh: "小程序管理权限",
    note: "Service Accounts: linking Mini Programs.",
  },
};

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  // No script, no framing. No form-action either: browsers apply it to the redirect after the POST.
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

const escape = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

interface PageRequest {
  platform: Platform;
  preAuthCode: string;
  redirectUri: URL;
  authType: 1 | 2 | 3;
  bizAppid: string | null;
  accounts: Account[];
}

function hostAllowed(platform: Platform, host: string): boolean {
  if (platform.redirectDomains.size === 0) return true;
  for (const domain of platform.redirectDomains)
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  return false;
}

/** The page's parameters, checked as WeChat checks the link; a ConsentError says what is wrong with it. */
function pageRequest(world: SandboxWorld, params: URLSearchParams): PageRequest {
  const componentAppid = params.get("component_appid") ?? "";
  const platform = world.state.platforms.get(componentAppid);
  if (!platform)
    throw new ConsentError(400, "This authorization link names no known platform (component_appid).");
  const preAuthCode = params.get("pre_auth_code") ?? "";
  world.platforms.checkPreAuthCode(platform, preAuthCode);
  let redirectUri: URL;
  try {
    redirectUri = new URL(params.get("redirect_uri") ?? "");
  } catch {
    throw new ConsentError(400, "This authorization link has no valid redirect_uri.");
  }
  if (redirectUri.protocol !== "http:" && redirectUri.protocol !== "https:")
    throw new ConsentError(400, "This authorization link has no valid redirect_uri.");
  if (!hostAllowed(platform, redirectUri.hostname.toLowerCase()))
    throw new ConsentError(400, "The redirect_uri is not on the platform's authorization domain.");
  const rawType = params.get("auth_type") ?? "3";
  if (!["1", "2", "3"].includes(rawType)) throw new ConsentError(400, "auth_type must be 1, 2 or 3.");
  const authType = Number(rawType) as 1 | 2 | 3;
  const bizAppid = params.get("biz_appid") || null;
  const accounts = [...world.state.accounts.values()].filter(
    (account) =>
      (authType === 3 || (authType === 1) === (account.kind === "officialaccount")) &&
      (bizAppid === null || account.appid === bizAppid),
  );
  return { platform, preAuthCode, redirectUri, authType, bizAppid, accounts };
}

function kindOf(account: Account): string {
  return account.kind === "miniprogram" ? "Mini Program" : "Service Account";
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · WeChat sandbox</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f3f4f6; color: #111827; }
main { max-width: 40rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border-radius: 8px; }
fieldset { border: 1px solid #d1d5db; border-radius: 6px; margin: 1rem 0; padding: 0.75rem 1rem; }
legend { font-weight: 600; padding: 0 0.25rem; }
.option { margin: 0.5rem 0; }
.note { margin: 0.1rem 0 0 1.6rem; color: #4b5563; font-size: 0.875rem; }
.error { border-left: 4px solid #b91c1c; background: #fef2f2; padding: 0.5rem 0.75rem; color: #7f1d1d; }
button { font: inherit; padding: 0.5rem 1.25rem; border: 0; border-radius: 6px; background: #07c160; color: #fff; }
button:focus-visible, input:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function form(request: PageRequest, state: { error?: string; appid?: string; sets?: number[] } = {}): string {
  const { platform } = request;
  const hidden = {
    component_appid: platform.appid,
    pre_auth_code: request.preAuthCode,
    redirect_uri: request.redirectUri.href,
    auth_type: String(request.authType),
    ...(request.bizAppid ? { biz_appid: request.bizAppid } : {}),
  };
  const chosenSets = new Set(state.sets ?? platform.permissionSets);
  const accounts = request.accounts
    .map((account) => {
      const id = `account-${account.appid}`;
      const checked = state.appid === account.appid || request.accounts.length === 1 ? " checked" : "";
      return `<div class="option"><input type="radio" id="${escape(id)}" name="authorizer_appid" value="${escape(account.appid)}" required${checked}> <label for="${escape(id)}">${escape(account.name)} (${kindOf(account)}, ${escape(account.appid)})</label></div>`;
    })
    .join("\n");
  const sets = platform.permissionSets
    .map((set) => {
      const name = SET_NAMES[set];
      const id = `set-${set}`;
      const label = name ? `Permission set ${set}: ${name.en} (${name.zh})` : `Permission set ${set}`;
      const note = name?.note ? `<p class="note" id="${id}-note">${escape(name.note)}</p>` : "";
      const described = name?.note ? ` aria-describedby="${id}-note"` : "";
      return `<div class="option"><input type="checkbox" id="${id}" name="func_scope" value="${set}"${chosenSets.has(set) ? " checked" : ""}${described}> <label for="${id}">${escape(label)}</label>${note}</div>`;
    })
    .join("\n");
  return page(
    "Authorize a third-party platform",
    `<h1>Authorize a third-party platform</h1>
<p>The third-party platform <strong>${escape(platform.appid)}</strong> asks to manage one of your accounts. (WeChat API sandbox: this page stands in for WeChat's authorization page; you act as the account's admin.)</p>
${state.error ? `<p class="error" role="alert">${escape(state.error)}</p>` : ""}
<form method="post" action="${LOGIN_PAGE_PATH}">
${Object.entries(hidden)
  .map(([name, value]) => `<input type="hidden" name="${name}" value="${escape(value)}">`)
  .join("\n")}
<fieldset>
<legend>Account to authorize</legend>
${accounts}
</fieldset>
<fieldset>
<legend>Permission sets to grant</legend>
${sets}
</fieldset>
<button type="submit">Authorize</button>
</form>`,
  );
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...HEADERS, "content-length": Buffer.byteLength(html) });
  res.end(html);
}

function refusal(res: ServerResponse, error: ConsentError): void {
  send(
    res,
    error.status,
    page(
      "Authorization failed",
      `<h1>Authorization failed</h1>\n<p class="error" role="alert">${escape(error.message)}</p>`,
    ),
  );
}

/** GET shows the page; POST (the form) authorizes and redirects, then pushes the event. */
export async function handleLoginPage(
  world: SandboxWorld,
  req: IncomingMessage,
  res: ServerResponse,
  search: string,
): Promise<void> {
  if (req.method === "GET" || req.method === "HEAD") {
    let request: PageRequest;
    try {
      request = pageRequest(world, new URLSearchParams(search));
    } catch (error) {
      if (error instanceof ConsentError) return refusal(res, error);
      throw error;
    }
    if (request.accounts.length === 0) {
      return refusal(
        res,
        new ConsentError(400, "The sandbox has no account of the kind this link asks for."),
      );
    }
    return send(res, 200, form(request));
  }
  if (req.method !== "POST") {
    res.writeHead(405, { allow: "GET, POST" });
    res.end();
    return;
  }

  let fields: URLSearchParams;
  try {
    fields = new URLSearchParams(await readBody(req, MAX_FORM_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLarge) return refusal(res, new ConsentError(413, "The form is too large."));
    return; // the browser went away
  }
  let request: PageRequest;
  try {
    request = pageRequest(world, fields);
  } catch (error) {
    if (error instanceof ConsentError) return refusal(res, error);
    throw error;
  }
  const appid = fields.get("authorizer_appid") ?? "";
  const sets = [...new Set(fields.getAll("func_scope").map(Number))].filter((set) =>
    request.platform.permissionSets.includes(set),
  );
  const state = { appid, sets };
  if (!request.accounts.some((account) => account.appid === appid)) {
    return send(res, 400, form(request, { ...state, error: "Choose the account to authorize." }));
  }
  let consent;
  try {
    consent = world.platforms.consent(request.platform, appid, sets, request.preAuthCode);
  } catch (error) {
    if (error instanceof ConsentError)
      return send(res, error.status, form(request, { ...state, error: error.message }));
    throw error;
  }
  const target = new URL(request.redirectUri);
  target.searchParams.set("auth_code", consent.authCode);
  target.searchParams.set("expires_in", String(consent.expiresIn));
  res.writeHead(303, { location: target.href, "cache-control": "no-store", "content-length": 0 });
  res.end();
  // WeChat tells the event URL too, on its own time: the redirect does not wait for it.
  void world.platforms.pushAuthorization(request.platform, consent);
}
