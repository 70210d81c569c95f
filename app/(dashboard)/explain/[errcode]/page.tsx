import { ArrowRight, ExternalLink } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";

import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import type { Locale } from "@/lib/i18n/config";
import { OUTCOME_UNKNOWN, explainWeChatError } from "@/lib/wechat/error-catalog";
import { fixOf, fixPlaceHref } from "@/lib/wechat/error-fixes";
import { RID_PATTERN } from "@/lib/wechat/ids";
import { requireOperator } from "@/server/auth/session";

/** `none`: no answer came from WeChat; otherwise WeChat's errcode. */
function parseCode(value: string): number | null | undefined {
  if (value === "none") return null;
  return /^-?\d{1,9}$/.test(value) ? Number(value) : undefined;
}

async function explanation(errcode: number | null, locale: Locale) {
  if (errcode === null) return { known: true, ...OUTCOME_UNKNOWN[locale] };
  return explainWeChatError(errcode, "", locale);
}

export async function generateMetadata({ params }: PageProps<"/explain/[errcode]">): Promise<Metadata> {
  const { errcode } = await params;
  const code = parseCode(errcode);
  const t = await getTranslations("explain");
  if (code === undefined) return { title: t("title") };
  const explained = await explanation(code, (await getLocale()) as Locale);
  return { title: t("documentTitle", { title: explained.title }) };
}

/** The "explain this error" view: what happened, why, what to do, who can do it, and where. */
export default async function ExplainPage({ params, searchParams }: PageProps<"/explain/[errcode]">) {
  await requireOperator();
  const [{ errcode }, query, t, locale] = await Promise.all([
    params,
    searchParams,
    getTranslations("explain"),
    getLocale(),
  ]);
  const code = parseCode(errcode);
  if (code === undefined) notFound();
  const explained = await explanation(code, locale as Locale);
  const rid = typeof query.rid === "string" && RID_PATTERN.test(query.rid) ? query.rid : null;
  const account =
    typeof query.account === "string" && /^[0-9a-f-]{36}$/i.test(query.account) ? query.account : undefined;
  const { who, where } = fixOf(code);
  const href = fixPlaceHref(where, account);
  const placeLabel = where ? t(`where.${where}`) : null;
  const external = href?.startsWith("https://") ?? false;

  return (
    <div className="max-w-2xl space-y-6" data-testid="explain">
      <PageHeader
        title={explained.title}
        description={code === null ? t("noAnswer") : t("code", { errcode: String(code) })}
      />
      <dl className="space-y-5">
        <div className="space-y-1">
          <dt className="text-sm font-medium text-muted-foreground">{t("what")}</dt>
          <dd>{code === null ? t("whatNoAnswer") : t("whatHappened", { title: explained.title })}</dd>
        </div>
        <div className="space-y-1">
          <dt className="text-sm font-medium text-muted-foreground">{t("why")}</dt>
          <dd>{explained.meaning || t("whyUnknown")}</dd>
        </div>
        <div className="space-y-1">
          <dt className="text-sm font-medium text-muted-foreground">{t("next")}</dt>
          <dd>{explained.action}</dd>
        </div>
        <div className="space-y-1">
          <dt className="text-sm font-medium text-muted-foreground">{t("whoLabel")}</dt>
          <dd data-testid="explain-who">{t(`who.${who}`)}</dd>
        </div>
        {rid ? (
          <div className="space-y-1">
            <dt className="text-sm font-medium text-muted-foreground">{t("rid")}</dt>
            <dd className="flex items-center gap-1">
              <code className="font-mono text-sm">{rid}</code>
              <CopyButton value={rid} label={t("copyRid", { rid })} />
            </dd>
          </div>
        ) : null}
      </dl>
      {href && placeLabel ? (
        <Button asChild>
          {external ? (
            <a href={href} target="_blank" rel="noreferrer noopener">
              {placeLabel}
              <ExternalLink aria-hidden />
            </a>
          ) : (
            <Link href={href}>
              {placeLabel}
              <ArrowRight aria-hidden />
            </Link>
          )}
        </Button>
      ) : null}
    </div>
  );
}
