// Confirms destructive actions: owns pending state, stays open on failure, can require typing a value.
"use client";

import { type ReactNode, Suspense, lazy, useCallback, useState } from "react";

/** What onConfirm may return: nothing on success, `{ error }` (a translated message) to stay open. */
export type ConfirmResult = void | { error?: string };

interface BaseConfirmOptions {
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** Red confirm button. */
  destructive?: boolean;
  /** Shown when onConfirm throws; the exception text itself is never shown. */
  unexpectedErrorMessage?: string;
  /** The confirmed action calls WeChat: while it is slow, the dialog says what happens meanwhile. */
  callsWeChat?: boolean;
  onConfirm: () => Promise<ConfirmResult>;
}

/** `typeToConfirm` (e.g. a published rule's prefix) always comes with the label of its input. */
type TypeToConfirmOptions =
  | { typeToConfirm?: undefined; typeToConfirmLabel?: undefined }
  | { typeToConfirm: string; typeToConfirmLabel: ReactNode };

export type ConfirmOptions = BaseConfirmOptions & TypeToConfirmOptions;

export type { ConfirmDialogProps } from "./confirm-dialog-modal";

// Most pages never ask for a confirmation: the dialog's code loads with the first request.
const ConfirmDialog = lazy(() =>
  import("./confirm-dialog-modal").then((module) => ({ default: module.ConfirmDialog })),
);

/**
 * `const { confirm, dialog } = useConfirmDialog()`: render `{dialog}` once, then call
 * `confirm({ title, confirmLabel, cancelLabel, destructive, onConfirm, ... })` from an event handler.
 */
export function useConfirmDialog() {
  const [request, setRequest] = useState<{ options: ConfirmOptions; key: number } | null>(null);
  const [open, setOpen] = useState(false);

  const confirm = useCallback((options: ConfirmOptions) => {
    // A new key gives every request a fresh dialog (no leftover text, error or pending state).
    setRequest((previous) => ({ options, key: (previous?.key ?? 0) + 1 }));
    setOpen(true);
  }, []);
  const close = useCallback(() => setOpen(false), []);

  const dialog = request ? (
    <Suspense fallback={null}>
      <ConfirmDialog key={request.key} {...request.options} open={open} onOpenChange={setOpen} />
    </Suspense>
  ) : null;
  return { confirm, close, dialog };
}
