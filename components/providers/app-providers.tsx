"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import { type ReactNode, useState } from "react";

import { Toaster } from "@/components/ui/toaster";

import { HydrationMarker } from "./hydration-marker";

export function AppProviders({ children }: { children: ReactNode }) {
  // One client per browser tab; created in state so it survives re-renders but not page loads.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 } },
      }),
  );
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <QueryClientProvider client={queryClient}>
        {children}
        <Toaster />
        <HydrationMarker />
      </QueryClientProvider>
    </ThemeProvider>
  );
}
