// The confirmation dialog itself, loaded the first time a confirmation is asked for (see confirm-dialog.tsx).
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
import type { ConfirmOptions } from "./confirm-dialog";
import { Input } from "./input";
import { Label } from "./label";
import { SlowWeChatNotice } from "./slow-wechat-notice";

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
  callsWeChat = false,
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
          {callsWeChat ? <SlowWeChatNotice pending={pending} /> : null}
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
