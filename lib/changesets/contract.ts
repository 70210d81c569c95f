/**
 * Change sets as the browser and the server exchange them: a plan's rows and cost, a job's
 * progress, drift. Browser-safe types only.
 */
import type { ActionError } from "../action-result";
import type { AccountKind, MirroredRule, OpenVersion, PermitSubRule } from "../rules/contract";

/** A rule as a change set wants it to stand at WeChat. */
export type DesiredRule =
  | {
      kind: "A";
      prefix: string;
      path: string;
      permitSubRule: PermitSubRule;
      openVersion: OpenVersion;
      debugUrls: string[];
      published: boolean;
    }
  | { kind: "B"; prefix: string; appid: string; path: string; published: boolean };

/**
 * What a plan does with one rule. `edit`: in place (`is_edit: 1`, only a type-A rule's scope, occupy
 * flag and test links while unpublished); `replace`: delete, add, publish again when wanted.
 */
export const PLAN_ACTIONS = ["add", "edit", "replace", "publish", "delete", "unchanged", "invalid"] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** The WeChat steps of each action, in order. */
export type StepKind = "add" | "edit" | "delete" | "publish";

/** One reason a row is invalid, or a note on a valid one: a field and a message key (`changeSets.problems`/`validation`). */
export interface RowProblem {
  field: string;
  key: string;
  values?: Record<string, string>;
}

export type ItemState = "pending" | "running" | "done" | "failed" | "skipped" | "cancelled";

/** Where a failed replace left the rule. */
export type ReplaceEndState = "restored" | "restoredUnpublished" | "addedUnpublished" | "lost" | "unchanged";

/** One row of a plan, and how it went once applied. */
export interface PlanItem {
  seq: number;
  sourceRow: number | null;
  action: PlanAction;
  prefix: string;
  targetAppid: string;
  desired: DesiredRule | null;
  current: MirroredRule | null;
  problems: RowProblem[];
  state: ItemState;
  /** WeChat steps this row takes (0 for unchanged and invalid rows). */
  steps: StepKind[];
  doneSteps: number;
  error: ActionError | null;
  endState: ReplaceEndState | null;
  /** The step in flight at a crash was settled by reading WeChat. */
  settled: boolean;
  finishedAt: string | null;
}

/** What a plan costs before it runs. */
export interface PlanCost {
  /** WeChat calls the steps make (reads to settle uncertain answers not counted). */
  calls: number;
  /** The least time those calls take at the account's limits, in seconds. */
  seconds: number;
  publishes: number;
  /** Publishes left this month, from the last read; null when unknown. */
  publishesLeft: number | null;
  /** Service Accounts: type-B adds (adds, replaces) per Mini Program, against what is left of its budget. */
  addBudget: { miniProgramAppid: string; spends: number; left: number }[];
  /** Type A: the rule count after the plan, against WeChat's limit of 100. */
  ruleCount: { after: number; limit: number } | null;
}

/** Why a plan cannot be applied as it is, with what to trim. */
export interface PlanRefusal {
  key: "publishes" | "addBudget" | "ruleLimit" | "nothingToDo" | "invalidRows";
  values: Record<string, string>;
}

export type PlanCounts = Record<PlanAction, number>;

export interface PlanSummary {
  counts: PlanCounts;
  cost: PlanCost;
  refusals: PlanRefusal[];
  /** Rows of the file (or selection) the plan was made from. */
  rows: number;
  /** Rules at WeChat that the file does not name (deleted only with "delete rules not in the file"). */
  missing: number;
}

export const CHANGE_SET_KINDS = ["import", "publish", "delete", "revert", "retry"] as const;
export type ChangeSetKind = (typeof CHANGE_SET_KINDS)[number];

export const CHANGE_SET_STATUSES = [
  "planned",
  "awaiting_approval",
  "rejected",
  "discarded",
  "queued",
  "running",
  "paused",
  "cancelling",
  "cancelled",
  "done",
  "failed",
] as const;
export type ChangeSetStatus = (typeof CHANGE_SET_STATUSES)[number];

/** A change set is being applied (or waits to be) while in one of these. */
export const ACTIVE_STATUSES: readonly ChangeSetStatus[] = ["queued", "running", "paused", "cancelling"];

export interface ChangeSetProgress {
  /** Rows with WeChat steps to take. */
  total: number;
  done: number;
  failed: number;
  /** Rows finished per second over the last minute; null before the first. */
  rate: number | null;
  /** Seconds left at that rate (or at the account's limits before the first row); null when finished. */
  etaSeconds: number | null;
}

/** A change set as its page shows it (GET /api/change-sets/:id). */
export interface ChangeSetView {
  id: string;
  accountId: string;
  accountName: string;
  accountKind: AccountKind;
  kind: ChangeSetKind;
  status: ChangeSetStatus;
  source: { fileName: string; format: string } | null;
  deleteMissing: boolean;
  summary: PlanSummary;
  createdAt: string;
  createdBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  decisionNote: string | null;
  decidedBy: string | null;
  stopRequest: "pause" | "cancel" | null;
  progress: ChangeSetProgress;
  /** What the viewer may do with it now. */
  can: {
    apply: boolean;
    requestApproval: boolean;
    decide: boolean;
    discard: boolean;
    control: boolean;
    retry: boolean;
  };
  /** The newest rows to finish, newest first. */
  recent: PlanItem[];
}

/** GET /api/change-sets/:id/items: one page of a plan's rows. */
export interface PlanItemPage {
  rows: PlanItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** A line of the change-set list of an account. */
export interface ChangeSetListItem {
  id: string;
  kind: ChangeSetKind;
  status: ChangeSetStatus;
  createdAt: string;
  createdBy: string | null;
  counts: PlanCounts;
  progress: ChangeSetProgress;
  source: { fileName: string; format: string } | null;
}

/** A rule that differs between WeChat and the account's desired state. */
export interface DriftItem {
  prefix: string;
  targetAppid: string;
  /** `added`: at WeChat, not desired; `deleted`: desired, gone from WeChat; `changed`: differs (values or publication). */
  kind: "added" | "deleted" | "changed";
  desired: DesiredRule | null;
  actual: MirroredRule | null;
}

export interface DriftReport {
  checkedAt: string | null;
  /** The account has no desired state yet: no change set was applied to it. */
  noDesiredState: boolean;
  items: DriftItem[];
  total: number;
  error: string | null;
}

/** At most this many rows in one file (and one plan). */
export const MAX_IMPORT_ROWS = 20_000;
/** At most this many bytes in one imported file. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const IMPORT_FORMATS = ["csv", "xlsx", "json"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
