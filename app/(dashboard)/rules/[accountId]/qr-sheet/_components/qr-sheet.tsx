"use client";

import { ArrowLeft, Printer } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { QRCodeSVG } from "qrcode.react";

import { Button } from "@/components/ui/button";
import type { AccountView, MirroredRule } from "@/lib/rules/contract";
import { ROLES_FOR_BUILD } from "@/lib/scan/roles";

const BUILD_OF = { 1: "develop", 2: "trial", 3: "release" } as const;

function Code({
  url,
  caption,
  note,
  testId,
}: {
  url: string;
  caption: string;
  note: string;
  testId: string;
}) {
  return (
    <figure
      className="flex break-inside-avoid flex-col items-center gap-2 rounded-md border p-3 text-center"
      data-testid={testId}
    >
      <QRCodeSVG value={url} size={144} marginSize={4} role="img" aria-label={caption} className="bg-white" />
      <figcaption className="space-y-1">
        <p className="text-sm font-medium">{caption}</p>
        <p className="break-all font-mono text-xs">{url}</p>
        <p className="text-xs text-muted-foreground">{note}</p>
      </figcaption>
    </figure>
  );
}

/**
 * The printable QR sheet: per rule, its own QR code (what everyone's scan opens once it is published)
 * and, for a Mini Program, each test link's code labelled with the build it opens and who may use it.
 * Printed, or saved as a PDF, with the browser's print.
 */
export function QrSheet({
  account,
  rules,
  total,
}: {
  account: AccountView;
  rules: MirroredRule[];
  total: number;
}) {
  const t = useTranslations("qrSheet");
  const tScan = useTranslations("scan");
  const roles = (build: keyof typeof ROLES_FOR_BUILD) =>
    ROLES_FOR_BUILD[build].map((role) => tScan(`role.${role}`)).join(", ");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4 border-b pb-4 print:hidden">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="text-sm text-muted-foreground">{t("description", { name: account.name })}</p>
        </div>
        <div className="flex gap-2">
          <Button asChild variant="outline">
            <Link href={`/rules/${encodeURIComponent(account.id)}`}>
              <ArrowLeft aria-hidden />
              {t("back")}
            </Link>
          </Button>
          <Button onClick={() => window.print()}>
            <Printer aria-hidden />
            {t("print")}
          </Button>
        </div>
      </div>
      <p className="hidden text-lg font-semibold print:block">{t("printedTitle", { name: account.name })}</p>
      {total > rules.length ? (
        <p className="text-sm text-muted-foreground">{t("limited", { shown: rules.length, total })}</p>
      ) : null}
      {rules.length === 0 ? <p className="text-sm text-muted-foreground">{t("empty")}</p> : null}
      {rules.map((rule) => (
        <section
          key={rule.id}
          className="break-inside-avoid space-y-3"
          aria-label={rule.prefix}
          data-testid="qr-sheet-rule"
        >
          <h2 className="break-all font-mono text-sm font-semibold">{rule.prefix}</h2>
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 print:grid-cols-3">
            <Code
              url={rule.prefix}
              caption={t("release")}
              note={rule.state === 2 ? t("releaseNote") : t("releaseUnpublished")}
              testId="qr-sheet-release"
            />
            {rule.openVersion
              ? rule.debugUrls.map((link) => {
                  const build = BUILD_OF[rule.openVersion ?? 3];
                  return (
                    <Code
                      key={link}
                      url={link}
                      caption={t("testLink", { build: tScan(`build.${build}`) })}
                      note={t("testLinkNote", { roles: roles(build) })}
                      testId="qr-sheet-test-link"
                    />
                  );
                })
              : null}
          </div>
        </section>
      ))}
    </div>
  );
}
