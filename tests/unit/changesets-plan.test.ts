import { describe, expect, it } from "vitest";

import { COLUMNS, cellsOf, columnOf, readScope, readYesNo } from "@/lib/changesets/columns";
import type { DesiredRule } from "@/lib/changesets/contract";
import { type PlanInput, planChanges, planSelection, stepsFor } from "@/lib/changesets/plan";
import { type RawRow, readRow } from "@/lib/changesets/rows";
import type { MirroredRule } from "@/lib/rules/contract";

const APPID = "wx1111111111111111";
const LINKED = "wx9999999999999999";

const ruleA = (prefix: string, extra: Partial<Extract<DesiredRule, { kind: "A" }>> = {}): DesiredRule => ({
  kind: "A",
  prefix,
  path: "pages/index/index",
  permitSubRule: 1,
  openVersion: 3,
  debugUrls: [],
  published: false,
  ...extra,
});
const mirrored = (prefix: string, extra: Partial<MirroredRule> = {}): MirroredRule => ({
  id: `${APPID}|${prefix}`,
  prefix,
  path: "pages/index/index",
  state: 1,
  targetAppid: APPID,
  permitSubRule: 1,
  openVersion: 3,
  debugUrls: [],
  ...extra,
});
const input = (rows: DesiredRule[], current: MirroredRule[], extra: Partial<PlanInput> = {}): PlanInput => ({
  kind: "A",
  accountAppid: APPID,
  linked: [],
  rows: rows.map((rule, index) => ({ ok: true, sourceRow: index + 2, rule })),
  current,
  deleteMissing: false,
  elsewhere: [],
  publishesLeft: 10,
  addBudgetLeft: {},
  ...extra,
});

describe("a row's steps (REFERENCE §2: narrow edits)", () => {
  it("edits in place only an unpublished type-A rule whose path stays", () => {
    const p = "https://a.example.com/x/";
    expect(stepsFor(ruleA(p, { openVersion: 1 }), mirrored(p))).toMatchObject({
      action: "edit",
      steps: ["edit"],
    });
    expect(stepsFor(ruleA(p, { openVersion: 1, published: true }), mirrored(p))).toMatchObject({
      action: "edit",
      steps: ["edit", "publish"],
    });
    expect(stepsFor(ruleA(p, { path: "pages/other" }), mirrored(p))).toMatchObject({
      action: "replace",
      steps: ["delete", "add"],
    });
    // A published rule is never edited: any change replaces it and publishes it again.
    expect(stepsFor(ruleA(p, { openVersion: 1, published: true }), mirrored(p, { state: 2 }))).toMatchObject({
      action: "replace",
      steps: ["delete", "add", "publish"],
    });
    expect(stepsFor(ruleA(p, { published: true }), mirrored(p))).toMatchObject({
      action: "publish",
      steps: ["publish"],
    });
    expect(stepsFor(ruleA(p, { published: true }), mirrored(p, { state: 2 }))).toMatchObject({
      action: "unchanged",
    });
    // Test links compare as a set.
    expect(
      stepsFor(ruleA(p, { debugUrls: [`${p}2`, `${p}1`] }), mirrored(p, { debugUrls: [`${p}1`, `${p}2`] }))
        .action,
    ).toBe("unchanged");
  });

  it("has no unpublish: a published rule wanted unpublished is replaced, and says why", () => {
    const p = "https://a.example.com/x/";
    const { action, problems } = stepsFor(ruleA(p), mirrored(p, { state: 2 }));
    expect(action).toBe("replace");
    expect(problems[0]?.key).toBe("changeSets.notes.unpublishIsReplace");
  });
});

describe("the plan", () => {
  it("refuses duplicates, rules held by another Mini Program, and deletes only when asked", () => {
    const a = "https://a.example.com/a/";
    const plan = planChanges(
      input(
        [
          ruleA(a),
          ruleA(a, { path: "pages/b" }),
          ruleA("https://held.example.com/x/"),
          ruleA("https://occ.example.com/deep/x/"),
        ],
        [mirrored("https://gone.example.com/")],
        {
          elsewhere: [
            { prefix: "https://held.example.com/x/", accountName: "Other", permitSubRule: 1 },
            { prefix: "https://occ.example.com/", accountName: "Big", permitSubRule: 2 },
          ],
        },
      ),
    );
    expect(plan.summary.counts).toMatchObject({ invalid: 4, delete: 0 });
    expect(plan.summary.missing).toBe(1);
    const keys = plan.items.map((item) => item.problems[0]?.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        "changeSets.problems.duplicate",
        "changeSets.problems.heldElsewhere",
        "changeSets.problems.occupiedElsewhere",
      ]),
    );
    const withDeletes = planChanges(
      input([], [mirrored("https://gone.example.com/")], { deleteMissing: true }),
    );
    expect(withDeletes.items).toMatchObject([{ action: "delete", steps: ["delete"], sourceRow: null }]);
  });

  it("states its cost and refuses what does not fit, saying what to trim", () => {
    const rows = Array.from({ length: 12 }, (_, n) =>
      ruleA(`https://a.example.com/${n}/`, { published: true }),
    );
    const current = Array.from({ length: 95 }, (_, n) => mirrored(`https://old.example.com/${n}/`));
    const plan = planChanges(input(rows, current, { publishesLeft: 10 }));
    expect(plan.summary.cost).toMatchObject({
      calls: 24,
      publishes: 12,
      publishesLeft: 10,
      ruleCount: { after: 107, limit: 100 },
    });
    expect(plan.summary.cost.seconds).toBeGreaterThanOrEqual(5);
    expect(plan.summary.refusals).toEqual([
      { key: "publishes", values: { needed: "12", left: "10", trim: "2" } },
      { key: "ruleLimit", values: { after: "107", limit: "100", trim: "7" } },
    ]);
  });

  it("costs a Service Account's adds against each Mini Program's add budget, and its 200 a minute in time", () => {
    const rows: DesiredRule[] = Array.from({ length: 300 }, (_, n) => ({
      kind: "B",
      prefix: `http://weixin.qq.com/q/${n}`,
      appid: LINKED,
      path: "pages/q",
      published: false,
    }));
    const plan = planChanges(
      input(rows, [], { kind: "B", linked: [LINKED], addBudgetLeft: { [LINKED]: 250 }, publishesLeft: null }),
    );
    expect(plan.summary.cost.addBudget).toEqual([{ miniProgramAppid: LINKED, spends: 300, left: 250 }]);
    // 200 in the first 40 s, the other 100 a minute after the first ones: 80 s.
    expect(plan.summary.cost.seconds).toBe(80);
    expect(plan.summary.refusals.map((refusal) => refusal.key)).toEqual(["addBudget"]);
  });

  it("plans a selection: publishes what is unpublished, refuses what WeChat no longer has", () => {
    const plan = planSelection(
      {
        kind: "A",
        accountAppid: APPID,
        linked: [],
        current: [mirrored("https://a.example.com/1/"), mirrored("https://a.example.com/2/", { state: 2 })],
        publishesLeft: 5,
        addBudgetLeft: {},
      },
      "publish",
      [
        { prefix: "https://a.example.com/1/" },
        { prefix: "https://a.example.com/2/" },
        { prefix: "https://a.example.com/3/" },
      ],
    );
    expect(plan.items.map((item) => item.action)).toEqual(["publish", "unchanged", "invalid"]);
  });
});

describe("the file's columns and words", () => {
  it("knows a column by its header in either language, or by WeChat's field name", () => {
    expect(columnOf("A", "测试链接")).toBe("debugUrls");
    expect(columnOf("A", " Test Links ")).toBe("debugUrls");
    expect(columnOf("A", "debug_url")).toBe("debugUrls");
    expect(columnOf("B", "小程序 AppID")).toBe("appid");
    expect(columnOf("A", "Mini Program AppID")).toBeNull();
    expect(readYesNo("是", false)).toBe(true);
    expect(readYesNo("", true)).toBe(true);
    expect(readYesNo("maybe", false)).toBeNull();
    expect(readScope("体验版")).toBe(2);
    expect(readScope("")).toBe(3);
  });

  it("reads back every rule it writes, in both languages", () => {
    const rule = ruleA("https://a.example.com/x/", {
      permitSubRule: 2,
      openVersion: 1,
      debugUrls: ["https://a.example.com/x/1", "https://a.example.com/x/2"],
      published: true,
    });
    for (const locale of ["en", "zh-CN"] as const) {
      const cells = cellsOf(rule, locale);
      const raw: RawRow = {
        sourceRow: 2,
        cells: Object.fromEntries(COLUMNS.A.map((column, index) => [column.key, cells[index]])),
      };
      expect(readRow("A", raw, APPID)).toEqual({ ok: true, sourceRow: 2, rule });
    }
  });

  it("judges a row with the form's own messages, on the field to blame", () => {
    const row = readRow(
      "A",
      {
        sourceRow: 3,
        cells: {
          prefix: "https://a.example.com/x/",
          path: "pages/x",
          debugUrls: "https://b.example.com/x/1",
          permitSubRule: "perhaps",
        },
      },
      APPID,
    );
    expect(row).toMatchObject({
      ok: false,
      problems: [
        { field: "permitSubRule", key: "changeSets.problems.yesNo" },
        { field: "debugUrls", key: "validation.rule.debugUrl.host", values: { index: "1" } },
      ],
    });
  });
});
