"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { LogOut } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useConfirmDialog } from "@/components/ui/confirm-dialog";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import type { OperatorSessionView, OperatorView } from "@/lib/admin/contract";
import { listOperatorSessions, signOutOperatorEverywhere } from "@/server/actions/operators";

const sessionKeys = { of: (operatorId: string) => ["operators", operatorId, "sessions"] as const };

class SessionsLoadError extends Error {}

/** Where an operator is signed in, with "Sign out everywhere". */
export function OperatorSessionsDialog({
  operator,
  onClose,
}: {
  operator: OperatorView | null;
  onClose: () => void;
}) {
  const t = useTranslations("operatorsAdmin.sessions");
  return (
    <Dialog
      open={operator !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <DialogContent closeLabel={t("close")} className="sm:max-w-3xl" data-testid="operator-sessions-dialog">
        {operator ? <SessionsBody operator={operator} onClose={onClose} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function SessionsBody({ operator, onClose }: { operator: OperatorView; onClose: () => void }) {
  const t = useTranslations("operatorsAdmin.sessions");
  const common = useTranslations("operatorsAdmin.form");
  const queryClient = useQueryClient();
  const { confirm, dialog: confirmDialog } = useConfirmDialog();
  const sessions = useQuery({
    queryKey: sessionKeys.of(operator.id),
    queryFn: async () => {
      const result = await listOperatorSessions({ id: operator.id });
      if (!result.ok) throw new SessionsLoadError(result.error.message);
      return result.data.sessions;
    },
    retry: false,
  });

  const signOutEverywhere = () =>
    confirm({
      title: t("confirmTitle", { name: operator.name }),
      description: t("confirmDescription", { email: operator.email }),
      confirmLabel: t("confirm"),
      cancelLabel: common("cancel"),
      destructive: true,
      unexpectedErrorMessage: common("unexpected"),
      onConfirm: async () => {
        const result = await signOutOperatorEverywhere({ id: operator.id });
        if (!result.ok) return { error: result.error.message };
        toast.success(t("done", { name: operator.name }));
        await queryClient.invalidateQueries({ queryKey: sessionKeys.of(operator.id) });
      },
    });

  return (
    <>
      <DialogHeader>
        <DialogTitle>{t("title", { name: operator.name })}</DialogTitle>
        <DialogDescription>{t("description", { email: operator.email })}</DialogDescription>
      </DialogHeader>
      <SessionsTable
        email={operator.email}
        sessions={sessions.data}
        pending={sessions.isPending}
        error={
          sessions.error instanceof SessionsLoadError
            ? sessions.error.message
            : sessions.error
              ? common("unexpected")
              : null
        }
      />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose}>
          {t("close")}
        </Button>
        <Button
          type="button"
          variant="destructive"
          onClick={signOutEverywhere}
          disabled={sessions.data?.length === 0}
        >
          <LogOut aria-hidden />
          {t("signOutEverywhere")}
        </Button>
      </DialogFooter>
      {confirmDialog}
    </>
  );
}

function SessionsTable({
  email,
  sessions,
  pending,
  error,
}: {
  email: string;
  sessions: OperatorSessionView[] | undefined;
  pending: boolean;
  error: string | null;
}) {
  const t = useTranslations("operatorsAdmin.sessions");
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  if (error) {
    return (
      <p role="alert" className="text-sm text-destructive">
        {t("loadFailed", { reason: error })}
      </p>
    );
  }
  if (pending) {
    return (
      <div role="status" aria-label={t("loading")} className="space-y-2">
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-8 w-full" />
      </div>
    );
  }
  if (!sessions || sessions.length === 0) {
    return (
      <p role="status" className="text-sm text-muted-foreground">
        {t("empty", { email })}
      </p>
    );
  }
  return (
    <div className="max-h-80 overflow-auto rounded-md border">
      <Table>
        <TableCaption className="sr-only">{t("caption", { email })}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>{t("device")}</TableHead>
            <TableHead>{t("ip")}</TableHead>
            <TableHead>{t("signedIn")}</TableHead>
            <TableHead>{t("lastSeen")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sessions.map((session) => (
            <TableRow key={session.id} data-testid="operator-session">
              <TableCell className="max-w-72 text-xs [overflow-wrap:anywhere]">
                {session.userAgent ?? t("unknownDevice")}
                {session.current ? (
                  <Badge variant="outline" className="ml-2">
                    {t("current")}
                  </Badge>
                ) : null}
              </TableCell>
              <TableCell className="font-mono text-xs">{session.ip ?? t("unknownIp")}</TableCell>
              <TableCell className="whitespace-nowrap text-xs">{when(session.createdAt)}</TableCell>
              <TableCell className="whitespace-nowrap text-xs">{when(session.lastSeenAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
