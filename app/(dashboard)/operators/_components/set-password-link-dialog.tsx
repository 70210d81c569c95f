"use client";

import { Check, Copy } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { CopiedStatus, useCopy } from "@/components/ui/copy-button";
import type { SetPasswordLink } from "@/lib/admin/contract";

export interface IssuedLink {
  /** Whose link it is. */
  email: string;
  link: SetPasswordLink;
}

/**
 * Shows a one-time set-password link, once: the server keeps only its hash, so closing this
 * dialog loses it for good (a click outside does not close it).
 */
export function SetPasswordLinkDialog({
  issued,
  onClose,
}: {
  issued: IssuedLink | null;
  onClose: () => void;
}) {
  const t = useTranslations("operatorsAdmin.link");
  return (
    <Dialog
      open={issued !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <DialogContent
        closeLabel={t("done")}
        className="sm:max-w-xl"
        data-testid="set-password-link-dialog"
        onInteractOutside={(event) => event.preventDefault()}
      >
        {issued ? <LinkBody issued={issued} onClose={onClose} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function LinkBody({ issued, onClose }: { issued: IssuedLink; onClose: () => void }) {
  const t = useTranslations("operatorsAdmin.link");
  const format = useFormatter();
  const { url, expiresAt } = issued.link;
  const { copied, copy } = useCopy(url);
  const expires = new Date(expiresAt);
  const expiresLabel = Number.isNaN(expires.getTime())
    ? expiresAt
    : format.dateTime(expires, { dateStyle: "medium", timeStyle: "short" });

  return (
    <>
      <DialogHeader>
        <DialogTitle>{t("title")}</DialogTitle>
        <DialogDescription>{t("description", { email: issued.email })}</DialogDescription>
      </DialogHeader>
      <figure className="space-y-1.5">
        <figcaption className="text-sm font-medium">{t("label")}</figcaption>
        <code
          data-testid="set-password-link"
          className="block select-all rounded-md border bg-muted px-3 py-2 font-mono text-sm [overflow-wrap:anywhere]"
        >
          {url}
        </code>
      </figure>
      <div className="space-y-1 text-sm">
        <p>{t("once", { expiresAt: expiresLabel })}</p>
        <p className="font-medium text-warning">{t("shownOnce")}</p>
      </div>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={copy} data-copied={copied || undefined}>
          {copied ? <Check aria-hidden className="text-success" /> : <Copy aria-hidden />}
          {t("copy")}
        </Button>
        <Button type="button" onClick={onClose}>
          {t("done")}
        </Button>
      </DialogFooter>
      <CopiedStatus copied={copied} />
    </>
  );
}
