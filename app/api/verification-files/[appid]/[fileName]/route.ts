import { getDb } from "@/server/db";
import { hostingFromEnv } from "@/server/verification/hosted-files";
import { hostedFileRoute } from "@/server/verification/serve-hosted-file";

export const dynamic = "force-dynamic";

/**
 * Hosted verification files. The public address is `PUBLIC_URL/<VERIFICATION_PATH_PREFIX>/<appid>/<file>`:
 * the prefix is configuration, read at run time, and a route's folder is fixed at build time, so
 * `proxy.ts` rewrites that address to this route (no redirect: WeChat follows none). Public: WeChat
 * fetches the file without a session.
 */
const route = hostedFileRoute({ db: getDb, hosting: hostingFromEnv });

export const GET = route.GET;
export const HEAD = route.HEAD;
