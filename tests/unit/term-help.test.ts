import { NextIntlClientProvider } from "next-intl";
import { type ComponentProps, type ReactNode, createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { FailureAlert } from "@/components/forms/failure-alert";
import { TermHelp } from "@/components/help/term-help";
import { FormField, type FormFieldProps } from "@/components/ui/form-field";
import { RadioCardGroup } from "@/components/ui/radio-card-group";
import { HELP_TERMS, type HelpTerm, TERM_EXAMPLES } from "@/lib/help/terms";
import type { Locale } from "@/lib/i18n/config";
import { MESSAGES, type Messages } from "@/lib/i18n/messages";
import { pagePathProblem, testLinkProblem } from "@/lib/schemas/rules";
import { checkPrefix, prefixCovers, verificationFileUrl } from "@/lib/wechat/match";

const LOCALES: Locale[] = ["en", "zh-CN"];

function render(node: ReactNode, locale: Locale = "en"): string {
  // The children go as createElement's third argument; the props' type still lists them.
  const props = { locale, messages: MESSAGES[locale], timeZone: "UTC" } as ComponentProps<
    typeof NextIntlClientProvider
  >;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, props, node));
}

/** The example's lines with this caption. */
function lines(term: HelpTerm, caption: string): string[] {
  return TERM_EXAMPLES[term].filter((line) => line.caption === caption).map((line) => line.code);
}

/**
 * The names an operator (and an end-to-end test) finds each help button's neighbours by: the label, legend
 * or heading it sits beside and the buttons of the same form or dialog. A help button whose name contains
 * one of them would be found too, since a name matches by substring.
 */
function neighbours(messages: Messages, term: HelpTerm): string[] {
  const form = messages.ruleForm;
  const ruleForm = [
    form.prefix.label,
    form.path.label,
    form.permitSubRule.label,
    form.openVersion.label,
    form.debugUrls.label,
    form.debugUrls.item.replace("{n}", "1"),
    form.debugUrls.add,
    form.appid.label,
    form.verification.title,
    form.verification.retry,
    form.submit.add,
    form.submit.edit,
    form.cancel,
  ];
  const rules = messages.rules;
  const publish = [
    rules.figures.publishQuota,
    rules.publish.confirmOne,
    messages.common.cancel,
    rules.sync.button,
    rules.toolbar.add,
  ];
  return term === "publishQuota" ? publish : ruleForm;
}

describe("the help texts", () => {
  it.each(LOCALES)("explain every term, with a question as the button's name (%s)", (locale) => {
    const help = MESSAGES[locale].help;
    const names = HELP_TERMS.map((term) => help[term].label);
    for (const name of names) expect(name).toMatch(/[?？]$/);
    expect(new Set(names).size).toBe(HELP_TERMS.length);
    for (const term of HELP_TERMS) {
      expect(TERM_EXAMPLES[term].length, term).toBeGreaterThan(0);
      for (const line of TERM_EXAMPLES[term]) expect(help.captions[line.caption], term).toBeTruthy();
    }
  });

  it.each(LOCALES)("never name a help button so that it is found by its neighbours' names (%s)", (locale) => {
    const messages = MESSAGES[locale];
    for (const term of HELP_TERMS) {
      const name = messages.help[term].label.toLowerCase();
      for (const neighbour of neighbours(messages, term))
        expect(name.includes(neighbour.toLowerCase()), `${term}: "${name}" contains "${neighbour}"`).toBe(
          false,
        );
    }
  });
});

describe("WeChat's examples", () => {
  it("a type-A rule, the link it covers and the page it opens", () => {
    const [rule] = lines("prefix", "rule");
    expect(rule && checkPrefix(rule, "A").ok).toBe(true);
    for (const scanned of lines("prefix", "scanned")) expect(testLinkProblem(rule ?? "", scanned)).toBeNull();
    for (const page of lines("prefix", "page")) expect(pagePathProblem(page)).toBeNull();
  });

  it("test links the rule covers, as WeChat requires", () => {
    const [rule] = lines("testLinks", "rule");
    const links = lines("testLinks", "testLink");
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(testLinkProblem(rule ?? "", link)).toBeNull();
  });

  it("a Service Account QR code link is a type-B prefix", () => {
    for (const link of lines("serviceAccountQr", "qrCode")) expect(checkPrefix(link, "B").ok).toBe(true);
  });

  it("the occupied rule lies under the occupying one, not the other way round", () => {
    const [occupying = ""] = lines("occupySubRules", "occupying");
    const [refused = ""] = lines("occupySubRules", "refused");
    expect(prefixCovers(occupying, refused)).toBe(true);
    expect(prefixCovers(refused, occupying)).toBe(false);
  });

  it("the verification file is where WeChat fetches it for the rule", () => {
    const [rule = ""] = lines("verificationFile", "rule");
    const [file = ""] = lines("verificationFile", "file");
    const fileName = file.slice(file.lastIndexOf("/") + 1);
    expect(verificationFileUrl(rule, fileName)).toBe(file);
  });
});

describe("TermHelp", () => {
  it.each([
    ["en", "What is a prefix?"],
    ["zh-CN", "什么是二维码规则？"],
  ] as const)("is a button named in the operator's language, which never submits (%s)", (locale, name) => {
    const html = render(createElement(TermHelp, { term: "prefix" }), locale);
    expect(html).toMatch(/^<button [^>]*type="button"/);
    expect(html).toContain(`aria-label="${name}"`);
    expect(html).toContain('aria-haspopup="dialog"');
    expect(html).toContain('aria-expanded="false"');
  });

  it("sits beside a field's label, not inside it", () => {
    const html = render(
      createElement(
        FormField,
        {
          id: "rule-prefix",
          label: "Rule prefix",
          help: createElement(TermHelp, { term: "prefix" }),
        } as FormFieldProps,
        createElement("input", { type: "text" }),
      ),
    );
    const label = /<label[^>]*>.*?<\/label>/.exec(html)?.[0] ?? "";
    expect(label).toContain("Rule prefix");
    expect(label).not.toContain("<button");
    expect(html).toContain('aria-label="What is a prefix?"');
  });

  it("leaves a radio group named by its legend alone", () => {
    const html = render(
      createElement(RadioCardGroup<number>, {
        legend: "Test scope",
        help: createElement(TermHelp, { term: "testScope" }),
        options: [{ value: 1, label: "Development build", help: "" }],
        value: 1,
        onChange: () => undefined,
      }),
    );
    const labelledBy = /role="radiogroup" aria-labelledby="([^"]+)"/.exec(html)?.[1];
    expect(labelledBy).toBeTruthy();
    expect(html).toContain(`<span id="${labelledBy}">Test scope</span>`);
    expect(html).toContain('aria-label="Which build opens, and for whom?"');
  });
});

describe("a form's failure", () => {
  const failure = {
    message: "Verification file check failed",
    wechat: {
      errcode: 85069,
      rid: "0a1b2c3d-0a1b2c3d-0a1b2c3d",
      title: "Verification file check failed",
      meaning: "",
      action: "Serve the file.",
    },
    formErrors: [],
  };

  it("links to its explanation with the account, so the explanation can lead back to it", () => {
    const accountId = "6f1c2a4e-9b7d-4c3a-8e2f-1a2b3c4d5e6f";
    const html = render(createElement(FailureAlert, { failure, accountId }));
    expect(html).toContain(`href="/explain/85069?rid=0a1b2c3d-0a1b2c3d-0a1b2c3d&amp;account=${accountId}"`);
  });

  it("links without one where the form acts on no account", () => {
    const html = render(createElement(FailureAlert, { failure }));
    expect(html).toContain('href="/explain/85069?rid=0a1b2c3d-0a1b2c3d-0a1b2c3d"');
  });
});
