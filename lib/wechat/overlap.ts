/**
 * Overlap analysis: where the rules the operator can see get in each other's way (REFERENCE §3),
 * within one account and across accounts. Built on the scan simulator's index, so "covers" means
 * exactly what a scan does. Pure and browser-safe.
 */
import { matchTestLink } from "./match";
import { type ScanRule, ScanIndex } from "./scan";

export interface OverlapRule extends ScanRule {
  /** Type A: 2 when the rule occupies its prefix (other accounts get 85072 under it). */
  permitSubRule: 1 | 2 | null;
}

export type Overlap =
  /** `rule` is the nearest broader rule of `by`: scans under `by`'s prefix go to `by`, not to `rule`. */
  | { kind: "shadowed"; rule: OverlapRule; by: OverlapRule }
  /** The unpublished `rule` is more specific than the published `over`: scans under it fall back. */
  | { kind: "unpublishedShadow"; rule: OverlapRule; over: OverlapRule }
  /** A test link its own rule does not cover (WeChat refuses such a rule: 85068). */
  | { kind: "testLinkOutside"; rule: OverlapRule; link: string }
  /** A test link that a more specific rule captures: scanning it is decided by `by`, not its own rule. */
  | { kind: "testLinkCaptured"; rule: OverlapRule; link: string; by: OverlapRule }
  /** The same test link on more than one rule, or twice on one. */
  | { kind: "duplicateTestLink"; link: string; rules: OverlapRule[] }
  /** `rule` occupies a prefix that covers `blocked`, a rule of another of our accounts (85072 for it). */
  | { kind: "occupies"; rule: OverlapRule; blocked: OverlapRule };

const same = (a: OverlapRule, b: OverlapRule) =>
  a.accountId === b.accountId && a.prefix === b.prefix && a.openAppid === b.openAppid;

/** Every overlap among `rules`, in a stable order (by kind, then by prefix). */
export function analyseOverlaps(rules: readonly OverlapRule[]): Overlap[] {
  const index = new ScanIndex(rules);
  const found: Overlap[] = [];
  const linkOwners = new Map<string, OverlapRule[]>();

  for (const rule of rules) {
    // Rules covering this rule's own prefix, most specific first: they are broader than it (or equal).
    const covering = (index.covering(rule.prefix) ?? []) as OverlapRule[];
    const broader = covering.filter((other) => other.prefix !== rule.prefix);
    // The nearest broader rule is the one that loses scans to this one (one finding per rule).
    const [nearest] = broader;
    if (nearest) found.push({ kind: "shadowed", rule: nearest, by: rule });
    const published = broader.find((other) => other.state === 2);
    if (rule.state === 1 && published) found.push({ kind: "unpublishedShadow", rule, over: published });
    // An occupying rule of another of our accounts, over this prefix or on the very same one.
    for (const other of covering) {
      if (other.permitSubRule === 2 && other.accountId !== rule.accountId)
        found.push({ kind: "occupies", rule: other, blocked: rule });
    }

    for (const link of rule.debugUrls) {
      linkOwners.set(link, [...(linkOwners.get(link) ?? []), rule]);
      if (!matchTestLink(rule.prefix, link).ok) {
        found.push({ kind: "testLinkOutside", rule, link });
        continue;
      }
      const [decider] = (index.covering(link) ?? []) as OverlapRule[];
      if (decider && !same(decider, rule) && decider.prefix.length > rule.prefix.length)
        found.push({ kind: "testLinkCaptured", rule, link, by: decider });
    }
  }

  for (const [link, owners] of linkOwners)
    if (owners.length > 1) found.push({ kind: "duplicateTestLink", link, rules: owners });

  const order: Overlap["kind"][] = [
    "unpublishedShadow",
    "occupies",
    "testLinkOutside",
    "testLinkCaptured",
    "duplicateTestLink",
    "shadowed",
  ];
  const prefixOf = (overlap: Overlap) => ("rule" in overlap ? overlap.rule.prefix : overlap.link);
  return found.sort(
    (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || prefixOf(a).localeCompare(prefixOf(b), "en"),
  );
}

/**
 * What a new or edited prefix would do among `rules` (the form's live warning): the rules it would
 * shadow (broader ones it takes scans from) and the rules that shadow it (more specific ones).
 */
export function prefixOverlaps(
  rules: readonly OverlapRule[],
  prefix: string,
  self: { accountId: string; prefix?: string },
): { shadows: OverlapRule[]; shadowedBy: OverlapRule[] } {
  const others = rules.filter((rule) => !(rule.accountId === self.accountId && rule.prefix === self.prefix));
  const shadows = ((new ScanIndex(others).covering(prefix) ?? []) as OverlapRule[]).filter(
    (rule) => rule.prefix !== prefix,
  );
  const shadowedBy = others.filter((rule) => rule.prefix !== prefix && matchTestLink(prefix, rule.prefix).ok);
  return { shadows, shadowedBy };
}
