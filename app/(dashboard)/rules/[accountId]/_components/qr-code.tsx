"use client";

import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { QRCodeCanvas, QRCodeSVG } from "qrcode.react";
import { type ReactNode, useRef } from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { cn } from "@/lib/utils";

/** Large enough to scan from a screen and to print; the quiet zone the QR spec asks for is included. */
const LARGE_SIZE = 320;
const QUIET_ZONE = 4;

/** A file name a download can carry: the link's host and path, with anything unusual replaced. */
export function qrFileName(value: string): string {
  const readable = value
    .replace(/^[a-z]+:\/\//i, "")
    .replace(/[^a-z0-9._-]+/gi, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `qr-${readable || "code"}.png`;
}

function downloadCanvas(canvas: HTMLCanvasElement, fileName: string) {
  const anchor = document.createElement("a");
  anchor.href = canvas.toDataURL("image/png");
  anchor.download = fileName;
  anchor.click();
}

export interface QrCodeButtonProps {
  /** The text the QR code encodes (a test link). */
  value: string;
  /** The button's accessible name, e.g. "Show QR code of test link 2". */
  label: string;
  /** The enlarged dialog's title. */
  title: string;
  /** For the thumbnail button, e.g. a smaller size in a dense table. */
  className?: string;
  /** What the button shows instead of the QR code's thumbnail. */
  children?: ReactNode;
  /** Open on mount: the button replaces a stand-in that was just clicked (see test-link-qr.tsx). */
  defaultOpen?: boolean;
}

/** A thumbnail button that opens the QR code of `value` enlarged, with a PNG download. */
export function QrCodeButton({ value, label, title, className, children, defaultOpen }: QrCodeButtonProps) {
  const t = useTranslations("ruleForm");
  const canvasRef = useRef<HTMLCanvasElement>(null);

  return (
    <Dialog defaultOpen={defaultOpen}>
      <DialogTrigger asChild>
        <Button
          type="button"
          variant="outline"
          size="icon"
          aria-label={label}
          title={label}
          className={cn("shrink-0 p-1", className)}
        >
          {children ?? <QRCodeSVG value={value} size={26} aria-hidden className="size-full" />}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("close")} className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{t("qr.description")}</DialogDescription>
        </DialogHeader>
        <div className="flex flex-col items-center gap-3">
          <QRCodeCanvas
            ref={canvasRef}
            value={value}
            size={LARGE_SIZE}
            marginSize={QUIET_ZONE}
            level="M"
            role="img"
            aria-label={t("qr.image", { url: value })}
            className="h-auto w-full max-w-80 rounded-md border"
          />
          <p className="w-full break-all text-center font-mono text-xs text-muted-foreground">{value}</p>
        </div>
        <DialogFooter>
          <Button
            type="button"
            onClick={() => {
              if (canvasRef.current) downloadCanvas(canvasRef.current, qrFileName(value));
            }}
          >
            <Download aria-hidden />
            {t("qr.download")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
