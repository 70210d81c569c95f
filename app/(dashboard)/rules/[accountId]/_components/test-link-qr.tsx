"use client";

import { QrCode } from "lucide-react";
import { useTranslations } from "next-intl";
import { lazy } from "react";

import { Button } from "@/components/ui/button";
import { Deferred } from "@/components/ui/deferred";

const loadQrCode = () => import("./qr-code");
const QrCodeButton = lazy(() => loadQrCode().then((module) => ({ default: module.QrCodeButton })));

const BUTTON_CLASS = "size-7 shrink-0 p-0.5";

/**
 * The QR code button of a test link in the rule table. The table shows an icon, not the code: drawing a QR
 * code per link while the page loads, and shipping the encoder with it, cost more than the glance was worth.
 * The first click loads the encoder and opens the enlarged code with its download.
 */
export function TestLinkQrCode({ url }: { url: string }) {
  const t = useTranslations("ruleForm.qr");
  const label = t("showLink", { url });
  return (
    <Deferred
      preload={loadQrCode}
      trigger={(props) => (
        <Button
          type="button"
          variant="outline"
          size="icon"
          aria-label={label}
          title={label}
          aria-haspopup="dialog"
          className={BUTTON_CLASS}
          {...props}
        >
          <QrCode aria-hidden className="size-4" />
        </Button>
      )}
    >
      <QrCodeButton value={url} label={label} title={t("titleLink")} className={BUTTON_CLASS} defaultOpen>
        <QrCode aria-hidden className="size-4" />
      </QrCodeButton>
    </Deferred>
  );
}
