"use client";

import { CircleHelp } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ComponentProps } from "react";

import type { HelpTerm } from "@/lib/help/terms";
import { cn } from "@/lib/utils";

/**
 * The "?" beside a label. Its accessible name asks the question ("What is a prefix?"), never repeats the
 * label alone, so a search for the field by its label does not find the button too.
 */
export function TermHelpButton({ term, className, ...props }: { term: HelpTerm } & ComponentProps<"button">) {
  const t = useTranslations("help");
  return (
    <button
      aria-label={t(`${term}.label`)}
      aria-haspopup="dialog"
      data-slot="term-help"
      className={cn(
        "-my-1 inline-flex size-6 shrink-0 items-center justify-center rounded-full text-muted-foreground transition-colors hover:bg-accent hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring data-[state=open]:text-foreground",
        className,
      )}
      {...props}
      // Last, so no spread prop makes it submit the form it sits in.
      type="button"
    >
      <CircleHelp aria-hidden className="size-4" />
    </button>
  );
}
