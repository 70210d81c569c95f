import { describe, expect, it } from "vitest";

import { negotiateLocale } from "@/lib/i18n/config";
import { MESSAGES } from "@/lib/i18n/messages";

const en = MESSAGES.en;
const zh = MESSAGES["zh-CN"];

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(message: string): string[] {
  // An argument is a name closed by "}" or followed by ",": "{count, plural, =0 {No rule} …}" has one, count.
  return [...message.matchAll(/\{(\w+)\s*[,}]/g)].map((match) => match[1] ?? "").sort();
}

describe("message catalogs", () => {
  it("have the same keys in zh-CN and en", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it("use the same placeholders in both languages", () => {
    const lookup = (catalog: unknown, key: string) =>
      key
        .split(".")
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog) as string;
    for (const key of keys(en)) {
      expect(placeholders(lookup(zh, key)), key).toEqual(placeholders(lookup(en, key)));
    }
  });

  it("have no empty message", () => {
    const empty = (catalog: unknown) =>
      keys(catalog).filter((key) => {
        const value = key
          .split(".")
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog);
        return typeof value !== "string" || value.trim() === "";
      });
    expect(empty(en)).toEqual([]);
    expect(empty(zh)).toEqual([]);
  });
});

describe("negotiateLocale", () => {
  it.each([
    [undefined, "en"],
    ["", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["zh", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,fr;q=0.9,zh-CN;q=0.8,en;q=0.7", "zh-CN"],
    ["fr-FR,en;q=0.5,zh;q=0.6", "zh-CN"],
    ["de-DE", "en"],
    ["zh-CN;q=0, en", "en"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
