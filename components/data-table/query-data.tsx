import { HydrationBoundary, QueryClient, type QueryKey, dehydrate } from "@tanstack/react-query";
import type { ReactNode } from "react";

/**
 * Hands data a server page has already read to the client's query cache under the key its view asks
 * for, so the view's first render has its rows: they arrive in the page's HTML, and hydrating them is
 * work React can split, where rows fetched after hydration render in one uninterrupted task. A null
 * entry (not read here) is left for the view to fetch.
 */
export function QueryData({
  entries,
  children,
}: {
  entries: readonly (readonly [QueryKey, unknown])[];
  children: ReactNode;
}) {
  const client = new QueryClient();
  for (const [key, data] of entries) if (data !== null && data !== undefined) client.setQueryData(key, data);
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
