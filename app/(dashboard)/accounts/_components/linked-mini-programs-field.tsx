"use client";

import { useTranslations } from "next-intl";
import { type Ref, useState } from "react";

import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import { MAX_LINKED_MINI_PROGRAMS } from "@/lib/schemas/accounts";

/** The errors react-hook-form holds for a list of strings: one for the list, one per entry. */
export interface LinkedListErrors {
  message?: string;
  root?: { message?: string };
  [index: number]: { message?: string } | undefined;
}

interface Line {
  appid: string;
  /** 1-based, as the admin counts lines. */
  line: number;
}

/** The non-empty lines of the text, trimmed, with their line numbers. */
function parseLines(text: string): Line[] {
  return text.split(/\r?\n/).flatMap((raw, index) => {
    const appid = raw.trim();
    return appid === "" ? [] : [{ appid, line: index + 1 }];
  });
}

export interface LinkedMiniProgramsFieldProps {
  id: string;
  /** The list when the field appears; afterwards the field owns its text. */
  defaultValue: string[];
  onChange: (appids: string[]) => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLTextAreaElement>;
  errors: LinkedListErrors | undefined;
}

/**
 * The Mini Programs a Service Account's QR codes may open: one AppID per line,
 * so a list copied from the WeChat console can be pasted at once. The form
 * holds the list without blank lines; an entry's problem (`linkedMiniPrograms.<i>`,
 * from the schema or the server) is shown with the line it came from.
 */
export function LinkedMiniProgramsField({
  id,
  defaultValue,
  onChange,
  onBlur,
  inputRef,
  errors,
}: LinkedMiniProgramsFieldProps) {
  const t = useTranslations("accountsAdmin.form.linked");
  const message = useValidationMessage();
  // The text as typed (blank lines, spaces); the form only sees the AppIDs.
  const [text, setText] = useState(() => defaultValue.join("\n"));
  const lines = parseLines(text);

  const listError = message(errors?.message ?? errors?.root?.message);
  const problems = [
    ...(listError ? [listError] : []),
    ...lines.flatMap(({ line }, index) => {
      const problem = message(errors?.[index]?.message);
      return problem ? [t("line", { line, message: problem })] : [];
    }),
  ];

  return (
    <FormField
      id={id}
      label={t("label")}
      description={t("help", { max: MAX_LINKED_MINI_PROGRAMS })}
      error={
        problems.length > 0
          ? problems.map((problem) => (
              <span key={problem} className="block">
                {problem}
              </span>
            ))
          : undefined
      }
    >
      <Textarea
        ref={inputRef}
        name="linkedMiniPrograms"
        value={text}
        rows={4}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        placeholder={"wx0123456789abcdef\nwxfedcba9876543210"}
        className="font-mono"
        onBlur={onBlur}
        onChange={(event) => {
          setText(event.target.value);
          onChange(parseLines(event.target.value).map((entry) => entry.appid));
        }}
      />
    </FormField>
  );
}
