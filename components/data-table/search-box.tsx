"use client";

import { Search } from "lucide-react";
import { useCallback } from "react";

import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

import { useDebouncedText } from "./use-debounced-text";

/**
 * The search box of a server-paged table: the operator types freely, and the search (trimmed; null when
 * empty) is written once typing pauses, only when it differs from the one in the URL, so a stray space
 * does not send the table back to its first page. Name it with `aria-label`, or with a <Label htmlFor={id}>.
 */
export function DataTableSearch({
  value,
  onSearch,
  placeholder,
  maxLength,
  className,
  id,
  "aria-label": ariaLabel,
  "data-testid": testId,
}: {
  /** The search the URL holds ("" for none). */
  value: string;
  onSearch: (search: string | null) => void;
  placeholder: string;
  maxLength: number;
  className?: string;
  id?: string;
  "aria-label"?: string;
  "data-testid"?: string;
}) {
  const commit = useCallback(
    (text: string) => {
      const wanted = text.trim();
      if (wanted !== value) onSearch(wanted || null);
      return wanted;
    },
    [value, onSearch],
  );
  const [text, setText] = useDebouncedText(value, commit);

  return (
    <div className={cn("relative", className)}>
      <Search
        aria-hidden
        className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
      />
      <Input
        id={id}
        type="search"
        aria-label={ariaLabel}
        placeholder={placeholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
        className="pl-8"
        autoComplete="off"
        spellCheck={false}
        maxLength={maxLength}
        data-testid={testId}
      />
    </div>
  );
}
