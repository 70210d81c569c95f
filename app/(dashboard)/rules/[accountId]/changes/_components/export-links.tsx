"use client";

import { Download } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { IMPORT_FORMATS } from "@/lib/changesets/contract";
import type { AccountView } from "@/lib/rules/contract";

const FORMAT_LABEL = { csv: "CSV", xlsx: "Excel (.xlsx)", json: "JSON" } as const;

/** The account's rules as a file (edit it and import it again), and empty templates in either language. */
export function ExportLinks({ account }: { account: AccountView }) {
  const t = useTranslations("changeSets.export");
  const locale = useLocale();
  const id = useId();
  const [fresh, setFresh] = useState(false);
  const kind = account.kind === "miniprogram" ? "A" : "B";
  const base = `/api/accounts/${encodeURIComponent(account.id)}/rules/export`;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="flex flex-wrap gap-2">
          {IMPORT_FORMATS.map((format) => (
            <Button key={format} asChild variant="outline" size="sm">
              <a
                href={`${base}?format=${format}${fresh ? "&fresh=1" : ""}`}
                download
                data-testid={`export-${format}`}
              >
                <Download aria-hidden />
                {t("download", { format: FORMAT_LABEL[format] })}
              </a>
            </Button>
          ))}
        </div>
        <div className="flex items-center gap-2">
          <Checkbox
            id={`${id}-fresh`}
            checked={fresh}
            onCheckedChange={(checked) => setFresh(checked === true)}
          />
          <Label htmlFor={`${id}-fresh`}>{t("fresh")}</Label>
        </div>
        <div className="space-y-2">
          <p className="text-sm font-medium">{t("templates")}</p>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {(["zh-CN", "en"] as const).flatMap((lang) =>
              (["csv", "xlsx"] as const).map((format) => (
                <li key={`${lang}-${format}`}>
                  <a
                    className="text-primary underline-offset-4 hover:underline"
                    href={`/api/rule-templates?kind=${kind}&format=${format}&lang=${lang}`}
                    download
                    hrefLang={lang}
                  >
                    {t("template", {
                      language: t(`languages.${lang === "en" ? "en" : "zh"}`),
                      format: FORMAT_LABEL[format],
                    })}
                  </a>
                </li>
              )),
            )}
          </ul>
          <p className="text-xs text-muted-foreground">{t("templateHelp", { current: locale })}</p>
        </div>
      </CardContent>
    </Card>
  );
}
