import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { requireOperator } from "@/server/auth/session";

import { ChangeSetPage } from "./_components/change-set-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("changeSets.page");
  return { title: t("documentTitle") };
}

/** One change set: its plan before it runs, its progress while it runs, its results after. */
export default async function ChangeSetRoute({ params }: PageProps<"/changes/[changeSetId]">) {
  const [{ changeSetId }] = await Promise.all([params, requireOperator()]);
  return <ChangeSetPage changeSetId={changeSetId} />;
}
