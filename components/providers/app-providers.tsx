"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import { type ReactNode, useState } from "react";

import { Toaster } from "@/components/ui/toaster";

import { HydrationMarker } from "./hydration-marker";

declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

// Zod compiles object parsers with `new Function` when it may; the Content-Security-Policy forbids eval, and even
// Zod's probe for it would be reported as a violation. Forms parse a few fields, so the interpreter is fast enough.
// Set on the one global object every copy of zod reads its config from (zod/v4/core's `config()` writes the same
// object), so that zod itself loads only with the first form, not with every page.
(globalThis.__zod_globalConfig ??= {}).jitless = true;

/** `nonce`: the page's script nonce, for the theme script next-themes inlines before hydration. */
export function AppProviders({ children, nonce }: { children: ReactNode; nonce?: string }) {
  // One client per browser tab; created in state so it survives re-renders but not page loads.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 } },
      }),
  );
  return (
    <ThemeProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      // Not `disableTransitionOnChange`: it also runs as every page loads, adding and removing a
      // stylesheet that makes the browser restyle the whole page twice (the rules page's 50 rows: two
      // long tasks). A switch of theme may fade its colours instead.
      nonce={nonce}
    >
      <QueryClientProvider client={queryClient}>
        {children}
        <Toaster />
        <HydrationMarker />
      </QueryClientProvider>
    </ThemeProvider>
  );
}
