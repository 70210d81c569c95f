import type { ReactNode } from "react";

import { RouteMessages } from "@/components/providers/route-messages";

export default function Layout({ children }: { children: ReactNode }) {
  return <RouteMessages route="activity">{children}</RouteMessages>;
}
