"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Suspense, lazy, useCallback, useState } from "react";

import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { useConfirmDialog } from "@/components/ui/confirm-dialog";
import { useOpenedOnce } from "@/components/ui/deferred";
import { DataTable } from "@/components/ui/data-table";
import { toast, toastWarning } from "@/components/ui/toaster";
import type { AccountAdminView, OperatorView } from "@/lib/admin/contract";
import { resetOperatorPassword, setOperatorDisabled } from "@/server/actions/operators";

import type { OperatorCreated } from "./create-operator-form";
import { OPERATOR_COLUMNS, OperatorRowsProvider } from "./operator-columns";
import type { IssuedLink } from "./set-password-link-dialog";

// The forms (react-hook-form, zod) and the link dialog load when first opened, not with the page.
const OperatorFormDialog = lazy(() =>
  import("./operator-form-dialog").then((module) => ({ default: module.OperatorFormDialog })),
);
const SetPasswordLinkDialog = lazy(() =>
  import("./set-password-link-dialog").then((module) => ({ default: module.SetPasswordLinkDialog })),
);
const OperatorSessionsDialog = lazy(() =>
  import("./operator-sessions-dialog").then((module) => ({ default: module.OperatorSessionsDialog })),
);

type FormState = { open: boolean; operator?: OperatorView; key: number };

/** The Operators page for admins: the table, and the add, edit, reset-password, sessions and disable flows. */
export function OperatorsView({
  operators,
  accounts,
  currentOperatorId,
}: {
  operators: OperatorView[];
  accounts: AccountAdminView[];
  currentOperatorId: string;
}) {
  const t = useTranslations("operatorsAdmin");
  const pages = useTranslations("pages.operators");
  const router = useRouter();
  const { confirm, dialog: confirmDialog } = useConfirmDialog();
  const [form, setForm] = useState<FormState>({ open: false, key: 0 });
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const [sessionsOf, setSessionsOf] = useState<OperatorView | null>(null);
  const onSessions = useCallback((operator: OperatorView) => setSessionsOf(operator), []);
  const formOpened = useOpenedOnce(form.open);
  const linkOpened = useOpenedOnce(issued !== null);
  const sessionsOpened = useOpenedOnce(sessionsOf !== null);

  const openAdd = () => setForm((previous) => ({ open: true, key: previous.key + 1 }));
  const onEdit = useCallback(
    (operator: OperatorView) => setForm((previous) => ({ open: true, operator, key: previous.key + 1 })),
    [],
  );
  const closeForm = () => setForm((previous) => ({ ...previous, open: false }));

  const onCreated = ({ operator, setPasswordLink }: OperatorCreated) => {
    closeForm();
    if (setPasswordLink) setIssued({ email: operator.email, link: setPasswordLink });
  };
  const onUpdated = () => closeForm();

  const reset = useMutation({
    mutationFn: (operator: OperatorView) => resetOperatorPassword({ id: operator.id }),
    onSuccess: (result, operator) => {
      if (!result.ok) {
        toast.error(t("reset.failed", { name: operator.name, reason: result.error.message }));
        return;
      }
      toastWarning(result);
      setIssued({ email: operator.email, link: result.data.setPasswordLink });
    },
    onError: (_error, operator) =>
      toast.error(t("reset.failed", { name: operator.name, reason: t("form.unexpected") })),
  });
  const { mutate: resetPassword } = reset;
  const onResetPassword = useCallback((operator: OperatorView) => resetPassword(operator), [resetPassword]);

  const onToggleDisabled = useCallback(
    (operator: OperatorView) => {
      const disabling = !operator.disabled;
      const step = disabling ? "disable" : "enable";
      confirm({
        title: t(`${step}.title`, { name: operator.name }),
        description: t(`${step}.description`, { email: operator.email }),
        confirmLabel: t(`${step}.confirm`),
        cancelLabel: t("form.cancel"),
        destructive: disabling,
        unexpectedErrorMessage: t("form.unexpected"),
        onConfirm: async () => {
          const result = await setOperatorDisabled({ id: operator.id, disabled: disabling });
          if (!result.ok) return { error: result.error.message };
          toast.success(t(`${step}.done`, { name: result.data.operator.name }));
          toastWarning(result);
          router.refresh();
        },
      });
    },
    [confirm, router, t],
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title={pages("title")}
        description={pages("description")}
        actions={
          <Button onClick={openAdd}>
            <Plus aria-hidden />
            {t("add")}
          </Button>
        }
      />
      <OperatorRowsProvider
        accounts={accounts}
        currentOperatorId={currentOperatorId}
        resettingId={reset.isPending ? (reset.variables?.id ?? null) : null}
        handlers={{ onEdit, onResetPassword, onToggleDisabled, onSessions }}
      >
        <DataTable
          columns={OPERATOR_COLUMNS}
          data={operators}
          getRowId={(operator) => operator.id}
          caption={t("caption")}
          enableRowSelection={false}
          empty={t("empty")}
        />
      </OperatorRowsProvider>
      <Suspense fallback={null}>
        {formOpened ? (
          <OperatorFormDialog
            key={form.key}
            operator={form.operator}
            accounts={accounts}
            open={form.open}
            onOpenChange={(open) => setForm((previous) => ({ ...previous, open }))}
            onCreated={onCreated}
            onUpdated={onUpdated}
          />
        ) : null}
        {linkOpened ? <SetPasswordLinkDialog issued={issued} onClose={() => setIssued(null)} /> : null}
        {sessionsOpened ? (
          <OperatorSessionsDialog operator={sessionsOf} onClose={() => setSessionsOf(null)} />
        ) : null}
      </Suspense>
      {confirmDialog}
    </div>
  );
}
