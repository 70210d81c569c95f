import { z } from "zod";

import { SCAN_ROLES } from "@/lib/scan/roles";

import { text } from "./text";

/** The most URLs one simulation takes (a CSV column of a print run). */
export const MAX_SIMULATED_URLS = 1000;

/** The scan simulator's input: the URLs to scan and who scans them. */
export const simulateScanInput = z.object({
  urls: z
    .array(text().trim().max(2048, { error: "urlTooLong" }))
    .transform((urls) => urls.filter((url) => url !== ""))
    .pipe(
      z
        .array(z.string())
        .min(1, { error: "simulateUrlsRequired" })
        .max(MAX_SIMULATED_URLS, { error: "simulateTooManyUrls" }),
    ),
  role: z.enum(SCAN_ROLES),
});
export type SimulateScanInput = z.input<typeof simulateScanInput>;

/** A prefix the rule form checks against every rule the operator can see. */
export const prefixOverlapInput = z.object({
  accountId: z.uuid(),
  prefix: text().trim().min(1).max(1024),
  /** The prefix the rule had before an edit: the rule itself is not its own overlap. */
  editing: text().max(1024).optional(),
});
export type PrefixOverlapInput = z.input<typeof prefixOverlapInput>;

/** The URLs of the simulator's text box: one per line, blank lines skipped. */
export function urlLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** The simulator's form: the text box as typed, checked line by line before anything is sent. */
export const simulateScanForm = z
  .object({
    text: text()
      .refine((text) => urlLines(text).length > 0, { error: "simulateUrlsRequired" })
      .refine((text) => urlLines(text).length <= MAX_SIMULATED_URLS, { error: "simulateTooManyUrls" })
      .refine((text) => urlLines(text).every((url) => url.length <= 2048), { error: "urlTooLong" }),
    role: z.enum(SCAN_ROLES),
  })
  .transform(({ text, role }) => ({ urls: urlLines(text), role }));
export type SimulateScanFormInput = z.input<typeof simulateScanForm>;
