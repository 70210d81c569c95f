"use client";

import { useEffect, useState } from "react";

/** How long typing must pause before a field writes the URL (and the table asks the server again). */
export const TYPING_DEBOUNCE_MS = 90;

/**
 * The text of a field whose value lives in the URL: the operator types freely and the URL is written
 * once typing pauses; a change of the URL from elsewhere (clear filters, back) replaces the text.
 * `commit` writes the text and returns the value the URL will hold, or null when the text is not a
 * value yet (an incomplete date, say), in which case nothing is written.
 */
export function useDebouncedText(value: string, commit: (text: string) => string | null) {
  const [text, setText] = useState(value);
  // What this field last wrote: when the URL comes back with it, the operator may have typed on.
  const [sent, setSent] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== sent) {
      setText(value);
      setSent(value);
    }
  }

  useEffect(() => {
    if (text === value || text === sent) return;
    const timer = setTimeout(() => {
      const written = commit(text);
      if (written !== null) setSent(written);
    }, TYPING_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, sent, commit]);

  return [text, setText] as const;
}
