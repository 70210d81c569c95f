// Confirms destructive actions: owns pending state, stays open on failure, can require typing a value.
"use client";

import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";

import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "./alert-dialog";
import { Button } from "./button";
import { Input } from "./input";
import { Label } from "./label";

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
  onConfirm: () => Promise<ConfirmResult>;
}

/** `typeToConfirm` (e.g. a published rule's prefix) always comes with the label of its input. */
type TypeToConfirmOptions =
  | { typeToConfirm?: undefined; typeToConfirmLabel?: undefined }
  | { typeToConfirm: string; typeToConfirmLabel: ReactNode };

export type ConfirmOptions = BaseConfirmOptions & TypeToConfirmOptions;

export type ConfirmDialogProps = ConfirmOptions & {
  /** Controlled open state; leave both unset to let `trigger` open it. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** An element (usually a Button) that opens the dialog, rendered via AlertDialogTrigger asChild. */
  trigger?: ReactNode;
};

const DEFAULT_UNEXPECTED_ERROR = "Something went wrong. Please try again.";

export function ConfirmDialog({
  open: openProp,
  onOpenChange,
  trigger,
  title,
  description,
  confirmLabel,
  cancelLabel,
  destructive = false,
  typeToConfirm,
  typeToConfirmLabel,
  unexpectedErrorMessage = DEFAULT_UNEXPECTED_ERROR,
  onConfirm,
}: ConfirmDialogProps) {
  const [uncontrolledOpen, setUncontrolledOpen] = useState(false);
  const open = openProp ?? uncontrolledOpen;
  const [pending, setPending] = useState(false);
  // An object, so the same message twice still counts as a new failure (and refocuses).
  const [failure, setFailure] = useState<{ message: string } | null>(null);
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const mustType = typeToConfirm !== undefined;
  const canConfirm = !pending && (!mustType || typed === typeToConfirm);

  const setOpen = useCallback(
    (next: boolean) => {
      if (openProp === undefined) setUncontrolledOpen(next);
      onOpenChange?.(next);
    },
    [openProp, onOpenChange],
  );

  // The confirm button was disabled while pending, which drops focus; put it back after a failure.
  useEffect(() => {
    if (failure) (mustType ? inputRef : confirmRef).current?.focus();
  }, [failure, mustType]);

  function handleOpenChange(next: boolean) {
    // Escape / Cancel must not abandon a running operation.
    if (pending) return;
    if (next) {
      setFailure(null);
      setTyped("");
    }
    setOpen(next);
  }

  async function runConfirm() {
    if (!canConfirm) return;
    setPending(true);
    setFailure(null);
    try {
      const result = await onConfirm();
      if (result?.error) {
        setFailure({ message: result.error });
        return;
      }
      setTyped("");
      setOpen(false);
    } catch (caught) {
      console.error(caught);
      setFailure({ message: unexpectedErrorMessage });
    } finally {
      setPending(false);
    }
  }

  return (
    <AlertDialog open={open} onOpenChange={handleOpenChange}>
      {trigger ? <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger> : null}
      <AlertDialogContent
        {...(description ? {} : { "aria-describedby": undefined })}
        onOpenAutoFocus={
          mustType
            ? (event) => {
                // Radix focuses Cancel by default; with a text to type, start in the input.
                event.preventDefault();
                inputRef.current?.focus();
              }
            : undefined
        }
      >
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            void runConfirm();
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>{title}</AlertDialogTitle>
            {description ? (
              <AlertDialogDescription asChild>
                <div>{description}</div>
              </AlertDialogDescription>
            ) : null}
          </AlertDialogHeader>
          {mustType ? (
            <div className="grid gap-2">
              <Label htmlFor={inputId} className="block leading-snug">
                {typeToConfirmLabel}
              </Label>
              <Input
                ref={inputRef}
                id={inputId}
                value={typed}
                autoComplete="off"
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                disabled={pending}
                aria-describedby={failure ? errorId : undefined}
                onChange={(event) => setTyped(event.target.value)}
                className="font-mono"
              />
            </div>
          ) : null}
          {failure ? (
            <div
              id={errorId}
              role="alert"
              className="rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm text-destructive"
            >
              {failure.message}
            </div>
          ) : null}
          <AlertDialogFooter>
            <AlertDialogCancel type="button" disabled={pending}>
              {cancelLabel}
            </AlertDialogCancel>
            <Button
              ref={confirmRef}
              type="submit"
              variant={destructive ? "destructive" : "default"}
              pending={pending}
              disabled={!canConfirm}
            >
              {confirmLabel}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}

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
    <ConfirmDialog key={request.key} {...request.options} open={open} onOpenChange={setOpen} />
  ) : null;
  return { confirm, close, dialog };
}
