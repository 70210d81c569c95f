import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

import {
  DASHBOARD_NAMESPACES,
  type DashboardRoute,
  ROUTE_NAMESPACES,
  pickNamespaces,
} from "@/lib/i18n/client-namespaces";

/** A dashboard route's messages for its client components: the shell's set and the route's own. */
export async function RouteMessages({ route, children }: { route: DashboardRoute; children: ReactNode }) {
  const messages = await getMessages();
  return (
    <NextIntlClientProvider
      messages={pickNamespaces(messages, [...DASHBOARD_NAMESPACES, ...ROUTE_NAMESPACES[route]])}
    >
      {children}
    </NextIntlClientProvider>
  );
}
