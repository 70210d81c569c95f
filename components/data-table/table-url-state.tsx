"use client";

import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";

import { sortSearchParams } from "@/lib/search-params-order";

/**
 * Where tables keep their query in the URL (use-table-query.ts): around the pages that have one, rather
 * than in the app's providers, so pages without a table do not load the URL-state library.
 */
export function TableUrlState({ children }: { children: ReactNode }) {
  return <NuqsAdapter processUrlSearchParams={sortSearchParams}>{children}</NuqsAdapter>;
}
