import { type ReactElement, type ReactNode, cloneElement, isValidElement } from "react";

import { cn } from "@/lib/utils";

import { Label } from "./label";

/** The props that tie a control to its label, help text and error. Spread them on the control. */
export interface FieldA11yProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * The a11y props for a control rendered by FormField (or laid out by hand with the same ids):
 * `${id}-description` and `${id}-error`. Pass `hasDescription` when a description is rendered,
 * so aria-describedby never points at a missing element.
 */
export function fieldA11yProps(id: string, error?: ReactNode, hasDescription = false): FieldA11yProps {
  const hasError = Boolean(error);
  const describedBy = [hasDescription ? `${id}-description` : null, hasError ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return { id, "aria-invalid": hasError || undefined, "aria-describedby": describedBy || undefined };
}

/** What FormField hands to a render-prop child. */
export type FieldControlProps = FieldA11yProps & { "aria-required": true | undefined };

/** Hook-style alias of {@link fieldA11yProps} (it holds no state). */
export const useFieldA11y = fieldA11yProps;

interface ControlProps {
  id?: string;
  "aria-invalid"?: boolean | "true" | "false" | "grammar" | "spelling";
  "aria-describedby"?: string;
  "aria-required"?: boolean | "true" | "false";
}

export interface FormFieldProps {
  /** The control's id; the label points at it, the help text and error derive their ids from it. */
  id: string;
  label: ReactNode;
  description?: ReactNode;
  /** A translated message; when set the control is aria-invalid and the message is announced. */
  error?: ReactNode;
  required?: boolean;
  /** Beside the label, outside it (a `TermHelp`): a button inside a <label> would also act on the control. */
  help?: ReactNode;
  className?: string;
  /**
   * Either the control itself (one element: it is cloned with id/aria props), or a function
   * receiving those props, for composite controls such as Select (spread them on SelectTrigger).
   */
  children: ReactElement<ControlProps> | ((props: FieldControlProps) => ReactNode);
}

/**
 * A labelled field: label, control, help text, and an error (role="alert", announced when it
 * appears). Not tied to any form library.
 */
export function FormField({
  id,
  label,
  description,
  error,
  required,
  help,
  className,
  children,
}: FormFieldProps) {
  const a11y: FieldControlProps = {
    ...fieldA11yProps(id, error, Boolean(description)),
    "aria-required": required || undefined,
  };

  let control: ReactNode;
  if (typeof children === "function") {
    control = children(a11y);
  } else if (isValidElement(children)) {
    // Keep any describedby the control already had (e.g. a character counter).
    const own = children.props["aria-describedby"];
    control = cloneElement(children, {
      ...a11y,
      "aria-describedby": [own, a11y["aria-describedby"]].filter(Boolean).join(" ") || undefined,
    });
  } else {
    control = children;
  }

  const labelElement = (
    <Label htmlFor={id} className={cn(error ? "text-destructive" : undefined)}>
      {label}
      {required ? (
        <span aria-hidden className="text-destructive">
          *
        </span>
      ) : null}
    </Label>
  );

  return (
    <div className={cn("space-y-2", className)} data-slot="form-field" data-invalid={error ? "" : undefined}>
      {help ? (
        <div className="flex items-center gap-1">
          {labelElement}
          {help}
        </div>
      ) : (
        labelElement
      )}
      {control}
      {description ? (
        <p
          id={`${id}-description`}
          data-slot="form-field-description"
          className="text-xs text-muted-foreground"
        >
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" data-slot="form-field-error" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
