"use client";

import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { type UseFormReturn, useFormState, useWatch } from "react-hook-form";

import { TermHelp } from "@/components/help/term-help";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useValidationMessage } from "@/lib/i18n/use-validation-message";
import { type TypeARuleFormInput, type TypeARuleValues, testLinkProblem } from "@/lib/schemas/rules";
import { MAX_TEST_LINKS, checkPrefix } from "@/lib/wechat/match";

import { QrCodeButton } from "./qr-code";

export type TypeARuleForm = UseFormReturn<TypeARuleFormInput, unknown, TypeARuleValues>;

type LinkName = `debugUrls.${number}`;

/**
 * Re-judges the test links after the prefix changed or a row was removed:
 * every link that has text or currently shows an error, but not a fresh empty
 * row the operator has not reached yet.
 */
export function revalidateTestLinks(form: TypeARuleForm) {
  const names = form
    .getValues("debugUrls")
    .flatMap((link, index): LinkName[] =>
      link !== "" || form.getFieldState(`debugUrls.${index}`).error ? [`debugUrls.${index}`] : [],
    );
  if (names.length > 0) void form.trigger(names);
}

/**
 * Up to five test links (`debug_url`), each judged as it is typed against the
 * prefix, with the reason under that link, and a QR code for each link that
 * matches. Rows are controlled inputs over `debugUrls` (a list of strings), so
 * errors live at `debugUrls.<i>`, where the schema and the server put them.
 */
export function TestLinksField({ form }: { form: TypeARuleForm }) {
  const t = useTranslations("ruleForm");
  const message = useValidationMessage();
  const links = useWatch({ control: form.control, name: "debugUrls" });
  const prefix = useWatch({ control: form.control, name: "prefix" });
  const { errors } = useFormState({ control: form.control, name: "debugUrls" });
  const headingId = useId();
  const limitId = useId();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const addButton = useRef<HTMLButtonElement>(null);
  // Which row to focus once the rows have re-rendered (after adding or removing one).
  const focusAfterRender = useRef<number | "add" | null>(null);

  const prefixOk = checkPrefix(prefix, "A").ok;
  const atLimit = links.length >= MAX_TEST_LINKS;
  const listError = message(errors.debugUrls?.message ?? errors.debugUrls?.root?.message);

  useEffect(() => {
    const target = focusAfterRender.current;
    focusAfterRender.current = null;
    if (target === "add") addButton.current?.focus();
    else if (target !== null) inputs.current[target]?.focus();
  }, [links.length]);

  function setLink(index: number, value: string) {
    form.setValue(`debugUrls.${index}`, value, {
      shouldValidate: true,
      shouldDirty: true,
      shouldTouch: true,
    });
  }

  function addLink() {
    if (atLimit) return;
    focusAfterRender.current = links.length;
    form.setValue("debugUrls", [...links, ""], { shouldDirty: true });
  }

  function removeLink(index: number) {
    const next = links.filter((_, other) => other !== index);
    focusAfterRender.current = next.length === 0 ? "add" : Math.min(index, next.length - 1);
    // Errors belong to positions: drop them all and judge the remaining links again.
    form.clearErrors("debugUrls");
    form.setValue("debugUrls", next, { shouldDirty: true });
    revalidateTestLinks(form);
  }

  return (
    <section aria-labelledby={headingId} className="space-y-3" data-invalid={listError ? "" : undefined}>
      <div className="space-y-1">
        <div className="flex items-center gap-1">
          <h3 id={headingId} className="text-sm font-medium leading-none">
            {t("debugUrls.label")}
          </h3>
          <TermHelp term="testLinks" />
        </div>
        <p className="text-xs text-muted-foreground">{t("debugUrls.help")}</p>
      </div>

      {links.length === 0 ? <p className="text-sm text-muted-foreground">{t("debugUrls.empty")}</p> : null}

      <ol className="space-y-3">
        {links.map((link, index) => {
          const n = index + 1;
          const error = message(errors.debugUrls?.[index]?.message);
          const matches = prefixOk && !error && testLinkProblem(prefix, link) === null;
          return (
            <li key={index}>
              <FormField id={`rule-debugUrls-${index}`} label={t("debugUrls.item", { n })} error={error}>
                {(a11y) => (
                  <div className="flex items-center gap-2">
                    <Input
                      {...a11y}
                      ref={(element) => {
                        inputs.current[index] = element;
                      }}
                      name={`debugUrls.${index}`}
                      type="text"
                      inputMode="url"
                      autoComplete="off"
                      autoCapitalize="off"
                      spellCheck={false}
                      placeholder={prefixOk ? prefix : "https://"}
                      value={link}
                      onChange={(event) => setLink(index, event.target.value)}
                      className="font-mono"
                    />
                    {matches ? (
                      <QrCodeButton value={link} label={t("qr.show", { n })} title={t("qr.title", { n })} />
                    ) : (
                      // Keeps the inputs aligned whether or not a row has a QR code.
                      <span aria-hidden className="size-9 shrink-0" />
                    )}
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      aria-label={t("debugUrls.remove", { n })}
                      title={t("debugUrls.remove", { n })}
                      onClick={() => removeLink(index)}
                    >
                      <Trash2 aria-hidden />
                    </Button>
                  </div>
                )}
              </FormField>
            </li>
          );
        })}
      </ol>

      {listError ? (
        <p role="alert" className="text-sm text-destructive">
          {listError}
        </p>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <Button
          ref={addButton}
          type="button"
          variant="outline"
          size="sm"
          onClick={addLink}
          disabled={atLimit}
          aria-describedby={atLimit ? limitId : undefined}
        >
          <Plus aria-hidden />
          {t("debugUrls.add")}
        </Button>
        {atLimit ? (
          <p id={limitId} className="text-xs text-muted-foreground">
            {t("debugUrls.limit")}
          </p>
        ) : null}
      </div>
    </section>
  );
}
