"use client";

/**
 * Confirmation for destructive actions. It owns the pending state, stays open
 * and shows the error when the action fails, and can ask the operator to type
 * a value (a published rule's prefix) before the confirm button enables.
 */
import { type ReactNode, useCallback, useId, useState } from "react";

import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "./alert-dialog";
import { Button } from "./button";
import { Input } from "./input";
import { Label } from "./label";

export interface ConfirmOptions {
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  destructive?: boolean;
  /** When set, the operator must type exactly this before confirming. */
  typeToConfirm?: string;
  typeToConfirmLabel?: ReactNode;
  /** Runs on confirm; a returned `error` keeps the dialog open and shows it. */
  onConfirm: () => Promise<void | { error?: string }>;
}

export function ConfirmDialog({
  open,
  onOpenChange,
  options,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  options: ConfirmOptions | null;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const inputId = useId();

  const mustType = options?.typeToConfirm;
  const canConfirm = !pending && (!mustType || typed === mustType);

  function change(next: boolean) {
    if (pending) return;
    if (!next) {
      setError(null);
      setTyped("");
    }
    onOpenChange(next);
  }

  async function confirm() {
    if (!options || !canConfirm) return;
    setPending(true);
    setError(null);
    try {
      const result = await options.onConfirm();
      if (result && result.error) {
        setError(result.error);
        return;
      }
      setTyped("");
      onOpenChange(false);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <AlertDialog open={open} onOpenChange={change}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{options?.title}</AlertDialogTitle>
          {options?.description ? <AlertDialogDescription asChild><div>{options.description}</div></AlertDialogDescription> : null}
        </AlertDialogHeader>
        {mustType ? (
          <div className="space-y-2">
            <Label htmlFor={inputId}>{options?.typeToConfirmLabel}</Label>
            <Input
              id={inputId}
              value={typed}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setTyped(event.target.value)}
              className="font-mono"
            />
          </div>
        ) : null}
        {error ? (
          <div role="alert" className="rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm text-destructive">
            {error}
          </div>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>{options?.cancelLabel}</AlertDialogCancel>
          <Button
            variant={options?.destructive ? "destructive" : "default"}
            pending={pending}
            disabled={!canConfirm}
            onClick={() => void confirm()}
          >
            {options?.confirmLabel}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** `const { confirm, dialog } = useConfirmDialog()`; render `dialog`, call `confirm({...})`. */
export function useConfirmDialog() {
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<ConfirmOptions | null>(null);

  const confirm = useCallback((next: ConfirmOptions) => {
    setOptions(next);
    setOpen(true);
  }, []);

  const dialog = <ConfirmDialog open={open} onOpenChange={setOpen} options={options} />;
  return { confirm, dialog };
}
