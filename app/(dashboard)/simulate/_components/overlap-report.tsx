import Link from "next/link";
import { getTranslations } from "next-intl/server";

import type { Overlap, OverlapRule } from "@/lib/wechat/overlap";
import type { OverlapGroup } from "@/server/scan/overlaps";

/** Where the rules the operator may see get in each other's way, most harmful first (server-rendered). */
export async function OverlapReport({ report }: { report: { rules: number; groups: OverlapGroup[] } }) {
  const t = await getTranslations("scan.overlaps");
  const rule = (of: OverlapRule) => (
    <Link
      href={`/rules/${of.accountId}?q=${encodeURIComponent(of.prefix)}`}
      className="break-all font-mono underline-offset-4 hover:underline"
    >
      {of.prefix}
    </Link>
  );
  const account = (of: OverlapRule) => <span className="text-muted-foreground">{of.accountName}</span>;
  const link = (url: string) => <code className="break-all font-mono">{url}</code>;

  function finding(overlap: Overlap) {
    switch (overlap.kind) {
      case "shadowed":
        return t.rich("item.shadowed", {
          rule: () => rule(overlap.rule),
          ruleAccount: () => account(overlap.rule),
          by: () => rule(overlap.by),
          byAccount: () => account(overlap.by),
        });
      case "unpublishedShadow":
        return t.rich("item.unpublishedShadow", {
          rule: () => rule(overlap.rule),
          ruleAccount: () => account(overlap.rule),
          over: () => rule(overlap.over),
          overAccount: () => account(overlap.over),
        });
      case "testLinkOutside":
        return t.rich("item.testLinkOutside", {
          link: () => link(overlap.link),
          rule: () => rule(overlap.rule),
          ruleAccount: () => account(overlap.rule),
        });
      case "testLinkCaptured":
        return t.rich("item.testLinkCaptured", {
          link: () => link(overlap.link),
          rule: () => rule(overlap.rule),
          by: () => rule(overlap.by),
          byAccount: () => account(overlap.by),
        });
      case "duplicateTestLink":
        return t.rich("item.duplicateTestLink", {
          link: () => link(overlap.link),
          count: overlap.rules.length,
          rules: () => (
            <>
              {overlap.rules.map((owner, index) => (
                <span key={`${owner.accountId}:${owner.prefix}:${index}`}>
                  {index > 0 ? ", " : ""}
                  {rule(owner)} {account(owner)}
                </span>
              ))}
            </>
          ),
        });
      case "occupies":
        return t.rich("item.occupies", {
          rule: () => rule(overlap.rule),
          ruleAccount: () => account(overlap.rule),
          blocked: () => rule(overlap.blocked),
          blockedAccount: () => account(overlap.blocked),
        });
    }
  }

  return (
    <section aria-labelledby="overlaps-title" className="space-y-4" data-testid="overlap-report">
      <div className="space-y-1">
        <h2 id="overlaps-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-muted-foreground">
          {report.groups.length === 0
            ? t("none", { rules: report.rules })
            : t("description", { rules: report.rules })}
        </p>
      </div>
      {report.groups.map((group) => (
        <section key={group.kind} aria-labelledby={`overlaps-${group.kind}`} className="space-y-2">
          <h3 id={`overlaps-${group.kind}`} className="font-medium">
            {t(`kind.${group.kind}`, { count: group.count })}
          </h3>
          <p className="text-xs text-muted-foreground">{t(`meaning.${group.kind}`)}</p>
          <ul className="space-y-1 text-sm">
            {group.shown.map((overlap, index) => (
              <li key={index} className="rounded-md border px-3 py-2">
                {finding(overlap)}
              </li>
            ))}
          </ul>
          {group.count > group.shown.length ? (
            <p className="text-xs text-muted-foreground">
              {t("more", { count: group.count - group.shown.length })}
            </p>
          ) : null}
        </section>
      ))}
    </section>
  );
}
