"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { QRCodeSVG } from "qrcode.react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { RadioCardGroup } from "@/components/ui/radio-card-group";
import type { AuthorizationLink } from "@/lib/platform/contract";
import type { AuthTypeName } from "@/lib/schemas/platform";
import { startPlatformAuthorization } from "@/server/actions/platform";

const CHOICES: AuthTypeName[] = ["miniprogram", "officialaccount", "both"];

/**
 * Creates an authorization link for a merchant's admin, shown once with its QR code: which accounts they may
 * pick, what the permission sets mean (set 18 is exclusive, say so), and until when the link works.
 */
export function AuthorizeMerchantDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("platform.authorize");
  const format = useFormatter();
  const [accounts, setAccounts] = useState<AuthTypeName>("miniprogram");
  const [link, setLink] = useState<AuthorizationLink | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: () => startPlatformAuthorization({ accounts }),
    onMutate: () => setError(null),
    onSuccess: (result) => {
      if (result.ok) setLink(result.data);
      else setError(result.error.message);
    },
    onError: () => setError(t("failed")),
  });

  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) {
      setLink(null);
      setError(null);
    }
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent closeLabel={t("close")} className="sm:max-w-xl" data-testid="authorize-merchant-dialog">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
        </DialogHeader>
        {link ? (
          <div className="space-y-4">
            <div className="space-y-1">
              <p className="text-sm font-medium" id="authorization-link-label">
                {t("link")}
              </p>
              <div className="flex items-start gap-1">
                <a
                  href={link.url}
                  className="break-all text-sm underline underline-offset-4"
                  aria-labelledby="authorization-link-label"
                  data-testid="authorization-link"
                >
                  {link.url}
                </a>
                <CopyButton value={link.url} label={t("copyLink")} />
              </div>
            </div>
            <div className="flex justify-center">
              <QRCodeSVG value={link.url} size={220} marginSize={4} role="img" aria-label={t("qr")} />
            </div>
            <p className="text-sm text-muted-foreground">
              {t("expires", {
                time: format.dateTime(new Date(link.expiresAt), { dateStyle: "medium", timeStyle: "short" }),
              })}
            </p>
            <DialogFooter>
              <Button variant="outline" onClick={() => setLink(null)}>
                {t("again")}
              </Button>
              <Button onClick={() => close(false)}>{t("close")}</Button>
            </DialogFooter>
          </div>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              create.mutate();
            }}
          >
            <RadioCardGroup
              name="authorize-accounts"
              legend={t("accounts")}
              options={CHOICES.map((value) => ({ value, label: t(value), help: t(`${value}Help`) }))}
              value={accounts}
              onChange={setAccounts}
              columns={1}
            />
            {accounts !== "officialaccount" ? (
              <p className="rounded-md border border-amber-500/50 bg-amber-500/10 px-3 py-2 text-sm">
                {t("exclusive")}
              </p>
            ) : null}
            {error ? (
              <p
                role="alert"
                className="rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm text-destructive"
              >
                {error}
              </p>
            ) : null}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => close(false)}>
                {t("close")}
              </Button>
              <Button type="submit" pending={create.isPending}>
                {create.isPending ? t("creating") : t("create")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
