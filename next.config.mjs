import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and WebAssembly packages load their own files at run time; bundling would break them.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg"],
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
