import createNextIntlPlugin from "next-intl/plugin";

// Messages are compiled at build time, so browsers get no ICU message parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./server/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

// Features the product never uses, denied to it and to anything that might get framed or injected into it.
const deniedFeatures = [
  "accelerometer",
  "autoplay",
  "browsing-topics",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
];

/**
 * The security headers that never vary, on every response. The proxy adds the
 * per-request ones (the Content-Security-Policy with its nonce, and HSTS over
 * HTTPS) to everything but the static files, which get a fixed policy here.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: deniedFeatures.map((feature) => `${feature}=()`).join(", ") },
  // Old browsers that ignore CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];
const staticFileHeaders = [
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
];
// Exactly the paths proxy.ts's matcher leaves out.
const staticFiles = ["/_next/static/:path*", "/_next/image", "/favicon.ico", "/icon.svg"];

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and WebAssembly packages load their own files at run time; bundling would break them.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "pg-boss", "exceljs"],
  typedRoutes: false,
  // A rules file to import (5 MB at most) travels base64-encoded in a server action.
  experimental: { serverActions: { bodySizeLimit: "8mb" } },
  headers: async () => [
    { source: "/:path*", headers: securityHeaders },
    ...staticFiles.map((source) => ({ source, headers: staticFileHeaders })),
  ],
};

export default withNextIntl(nextConfig);
