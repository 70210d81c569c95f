"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { Button } from "./button";
import { toast } from "./toaster";
import { cn } from "@/lib/utils";

const COPIED_FOR_MS = 2000;

/**
 * Copies `value` to the clipboard: `copied` is true for a moment afterwards; a refused copy says so in a
 * toast. Every copy control uses this, with {@link CopiedStatus} to announce it.
 */
export function useCopy(value: string): { copied: boolean; copy: () => void } {
  const t = useTranslations("common.copy");
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      toast.error(t("failed"));
    }
  }
  return { copied, copy: () => void copy() };
}

/** Says "Copied" to screen readers when a copy succeeds. */
export function CopiedStatus({ copied }: { copied: boolean }) {
  const t = useTranslations("common.copy");
  return (
    <span role="status" className="sr-only">
      {copied ? t("copied") : ""}
    </span>
  );
}

/** An icon button that copies `value`; `label` is its accessible name (say what is copied). */
export function CopyButton({
  value,
  label,
  className,
}: {
  value: string;
  label: string;
  className?: string;
}) {
  const { copied, copy } = useCopy(value);
  return (
    <>
      <Button
        type="button"
        variant="ghost"
        size="icon"
        className={cn("size-7 text-muted-foreground", className)}
        aria-label={label}
        title={label}
        data-copied={copied || undefined}
        onClick={copy}
      >
        {copied ? (
          <span aria-hidden className="icon-[lucide--check] size-3.5 text-success" />
        ) : (
          <span aria-hidden className="icon-[lucide--copy] size-3.5" />
        )}
      </Button>
      <CopiedStatus copied={copied} />
    </>
  );
}
