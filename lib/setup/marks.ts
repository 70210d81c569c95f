"use client";

/**
 * The set-up steps an operator marks in this browser (a passing verification check, a scan with a
 * phone, closing the checklist), in localStorage per account, shared live by every component that
 * reads them.
 */
import { useSyncExternalStore } from "react";

import type { SetupMarks } from "./checklist";

const EVENT = "qrjump:setup-marks";
const NONE: SetupMarks = { verified: false, tested: false, dismissed: false };
const cache = new Map<string, { raw: string | null; marks: SetupMarks }>();

const keyOf = (accountId: string) => `qrjump.setup.${accountId}`;

function read(accountId: string): SetupMarks {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(keyOf(accountId));
  } catch {
    return NONE;
  }
  const cached = cache.get(accountId);
  if (cached && cached.raw === raw) return cached.marks;
  let marks = NONE;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (parsed && typeof parsed === "object") {
      const value = parsed as Partial<Record<keyof SetupMarks, unknown>>;
      marks = {
        verified: value.verified === true,
        tested: value.tested === true,
        dismissed: value.dismissed === true,
      };
    }
  } catch {
    marks = NONE;
  }
  cache.set(accountId, { raw, marks });
  return marks;
}

/** Marks a step of an account's set-up as done in this browser. */
export function markSetup(accountId: string, mark: keyof SetupMarks, value = true): void {
  try {
    window.localStorage.setItem(keyOf(accountId), JSON.stringify({ ...read(accountId), [mark]: value }));
  } catch {
    return;
  }
  window.dispatchEvent(new Event(EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** The account's marks; none on the server and during hydration. */
export function useSetupMarks(accountId: string): SetupMarks {
  return useSyncExternalStore(
    subscribe,
    () => read(accountId),
    () => NONE,
  );
}
