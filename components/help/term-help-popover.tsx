"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { type HelpTerm, TERM_EXAMPLES } from "@/lib/help/terms";

import { TermHelpButton } from "./term-help-button";

/** The "?" and its panel: what the term means, then WeChat's example in monospace. */
export function TermHelpPopover({
  term,
  className,
  defaultOpen,
}: {
  term: HelpTerm;
  className?: string;
  defaultOpen?: boolean;
}) {
  const t = useTranslations("help");
  const titleId = useId();
  return (
    <Popover defaultOpen={defaultOpen}>
      <PopoverTrigger asChild>
        <TermHelpButton term={term} className={className} />
      </PopoverTrigger>
      <PopoverContent
        aria-labelledby={titleId}
        data-testid="term-help"
        data-term={term}
        className="space-y-2"
      >
        <p id={titleId} className="font-medium leading-snug">
          {t(`${term}.title`)}
        </p>
        <p className="text-muted-foreground">{t(`${term}.body`)}</p>
        <div className="space-y-1.5">
          <p className="text-xs font-medium text-muted-foreground">{t("example")}</p>
          <dl className="space-y-1.5 rounded-md border bg-muted/40 px-2.5 py-2">
            {TERM_EXAMPLES[term].map((line) => (
              <div key={`${line.caption}:${line.code}`}>
                <dt className="text-xs text-muted-foreground">{t(`captions.${line.caption}`)}</dt>
                <dd>
                  <code className="block break-all font-mono text-xs text-foreground">{line.code}</code>
                </dd>
              </div>
            ))}
          </dl>
          <p className="text-xs text-muted-foreground">{t(`${term}.example`)}</p>
        </div>
      </PopoverContent>
    </Popover>
  );
}
