import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import {
  DASHBOARD_NAMESPACES,
  ROUTE_NAMESPACES,
  SIGNED_OUT_NAMESPACES,
  pickNamespaces,
} from "@/lib/i18n/client-namespaces";
import { MESSAGES } from "@/lib/i18n/messages";

/**
 * Each part of the app hands the browser only the message namespaces its client components read
 * (lib/i18n/client-namespaces.ts). A component reading one its route does not pass would show a raw key,
 * so this follows each route's imports (app/, components/, lib/; server code reads its messages on the
 * server) and checks every namespace read along the way is passed there.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const DASHBOARD = path.join(ROOT, "app/(dashboard)");

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, `${base}/index.tsx`, `${base}/index.ts`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The namespaces read by `entries` and everything they import: `useTranslations("a.b")` reads `a.b`. */
function namespacesRead(entries: string[]): Map<string, string> {
  const read = new Map<string, string>(); // namespace → a file reading it
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file) || file.startsWith(path.join(ROOT, "server"))) continue;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/useTranslations\(\s*"([^"]+)"/g)) read.set(match[1]!, file);
    // The root translator: the namespace is the first part of each key it is called with.
    for (const [, name] of source.matchAll(/const (\w+) = useTranslations\(\s*\)/g)) {
      for (const match of source.matchAll(new RegExp(`\\b${name}\\(\\s*["\`]([A-Za-z]+)\\.`, "g")))
        read.set(match[1]!, file);
    }
    for (const match of source.matchAll(/(?:\bfrom|\bimport\()\s*"([^"]+)"/g)) {
      const target = resolveImport(file, match[1]!);
      if (target) queue.push(target);
    }
  }
  return read;
}

const passes = (names: readonly string[], namespace: string) =>
  names.some((name) => namespace === name || namespace.startsWith(`${name}.`));

function missing(read: Map<string, string>, names: readonly string[]): string[] {
  return [...read]
    .filter(([namespace]) => !passes(names, namespace))
    .map(([namespace, file]) => `${namespace} (read by ${path.relative(ROOT, file)})`);
}

describe("the messages each part of the app hands the browser", () => {
  it("cover what the dashboard's shell reads", () => {
    const shell = ["layout.tsx", "error.tsx", "page.tsx", "not-found.tsx"]
      .map((name) => path.join(DASHBOARD, name))
      .filter((file) => existsSync(file));
    expect(missing(namespacesRead(shell), DASHBOARD_NAMESPACES)).toEqual([]);
  });

  it.each(Object.entries(ROUTE_NAMESPACES))("cover what the %s route reads", (route, names) => {
    const read = namespacesRead(sourcesUnder(path.join(DASHBOARD, route)));
    expect(read.size).toBeGreaterThan(0);
    expect(missing(read, [...DASHBOARD_NAMESPACES, ...names])).toEqual([]);
  });

  it("give every dashboard route its own set", () => {
    const routes = readdirSync(DASHBOARD, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
      .map((entry) => entry.name)
      .sort();
    expect(routes).toEqual(Object.keys(ROUTE_NAMESPACES).sort());
    for (const route of routes) {
      expect(readFileSync(path.join(DASHBOARD, route, "layout.tsx"), "utf8")).toContain(
        `<RouteMessages route="${route}">`,
      );
    }
  });

  it("name only namespaces that exist, in both languages", () => {
    const all = [
      ...SIGNED_OUT_NAMESPACES,
      ...DASHBOARD_NAMESPACES,
      ...Object.values(ROUTE_NAMESPACES).flat(),
    ];
    for (const catalog of Object.values(MESSAGES)) {
      for (const name of all) {
        const value = name
          .split(".")
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], catalog);
        expect(value, name).toBeTypeOf("object");
      }
    }
  });

  it("pick a part of a namespace, or the whole of it once", () => {
    const messages = {
      rules: { picker: { label: "A" }, kind: { x: "K" }, other: "O" },
      common: { ok: "OK" },
    };
    expect(pickNamespaces(messages, ["rules.picker"])).toEqual({ rules: { picker: { label: "A" } } });
    expect(pickNamespaces(messages, ["rules.picker", "rules.kind", "common"])).toEqual({
      rules: { picker: { label: "A" }, kind: { x: "K" } },
      common: { ok: "OK" },
    });
    const whole = pickNamespaces(messages, ["rules.picker", "rules"]);
    expect(whole.rules).toBe(messages.rules);
    expect(pickNamespaces(messages, ["missing", "rules.missing"])).toEqual({});
  });
});
