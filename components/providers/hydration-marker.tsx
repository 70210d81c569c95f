"use client";

import { useEffect } from "react";

/** Marks <html data-hydrated> once React is interactive, so browser tests know typing will not be lost. */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
