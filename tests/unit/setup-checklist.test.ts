import { describe, expect, it } from "vitest";

import type { Capability } from "@/lib/accounts/capability";
import { currentStep, setupSteps } from "@/lib/setup/checklist";

const ready: Capability = {
  status: "ready",
  errcode: null,
  missingSet: null,
  checkedAt: "2026-12-01T00:00:00Z",
};
const noMarks = { verified: false, tested: false };

describe("the set-up checklist", () => {
  it("starts a new Mini Program at the capability check, with the verification file as its own step", () => {
    const steps = setupSteps("miniprogram", { capability: null, ruleCount: 0, publishedCount: 0 }, noMarks);
    expect(steps.map((step) => step.id)).toEqual([
      "capability",
      "verification",
      "firstRule",
      "tested",
      "published",
    ]);
    expect(steps.every((step) => !step.done)).toBe(true);
    expect(currentStep(steps)).toBe("capability");
  });

  it("has no verification step for a Service Account", () => {
    const steps = setupSteps(
      "officialaccount",
      { capability: ready, ruleCount: 0, publishedCount: 0 },
      noMarks,
    );
    expect(steps.map((step) => step.id)).toEqual(["capability", "firstRule", "tested", "published"]);
    expect(currentStep(steps)).toBe("firstRule");
  });

  it("ticks the verification file by a passing check, or by a rule WeChat accepted", () => {
    const checked = setupSteps(
      "miniprogram",
      { capability: ready, ruleCount: 0, publishedCount: 0 },
      {
        verified: true,
        tested: false,
      },
    );
    expect(currentStep(checked)).toBe("firstRule");
    const added = setupSteps("miniprogram", { capability: ready, ruleCount: 1, publishedCount: 0 }, noMarks);
    expect(added.find((step) => step.id === "verification")?.done).toBe(true);
    expect(currentStep(added)).toBe("tested");
  });

  it("waits for the operator's mark of a scan, then for the publish; a published rule ticks both", () => {
    const tested = setupSteps(
      "miniprogram",
      { capability: ready, ruleCount: 1, publishedCount: 0 },
      {
        verified: false,
        tested: true,
      },
    );
    expect(currentStep(tested)).toBe("published");
    const published = setupSteps(
      "miniprogram",
      { capability: ready, ruleCount: 1, publishedCount: 1 },
      noMarks,
    );
    expect(currentStep(published)).toBeNull();
  });

  it("keeps the capability step open while WeChat refuses the account", () => {
    const personal = { ...ready, status: "personal" as const, errcode: 85075 };
    const steps = setupSteps(
      "miniprogram",
      { capability: personal, ruleCount: 0, publishedCount: 0 },
      noMarks,
    );
    expect(currentStep(steps)).toBe("capability");
  });
});
