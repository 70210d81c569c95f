import "server-only";

import type { HostingLocation } from "@/lib/verification/hosting";

import type { Database } from "../db";
import { hostedFileContent } from "./hosted-files";

/**
 * The public answer for a hosted verification file, as WeChat's self-check list asks (REFERENCE §4):
 * exactly the stored content, as plain text, at once, without a redirect, to any client without a
 * session. Anything else under the directory is a 404, and so is a file name of another case.
 */

export interface HostedFileRouteDeps {
  db(): Promise<Database>;
  /** Null while hosting is off (`PUBLIC_URL` unset): then every request is a 404. */
  hosting(): HostingLocation | null;
}

type Params = { appid: string; fileName: string };
type RouteContext = { params: Promise<Params> };

const TEXT = "text/plain; charset=utf-8";

/** WeChat fetches the file once per add; a short cache still lets a CDN in front absorb a burst. */
const CACHE_CONTROL = "public, max-age=60";

function notFound(head: boolean): Response {
  return new Response(head ? null : "Not found\n", {
    status: 404,
    headers: { "content-type": TEXT, "cache-control": "no-store" },
  });
}

async function answer(deps: HostedFileRouteDeps, params: Params, head: boolean): Promise<Response> {
  if (!deps.hosting()) return notFound(head);
  const content = await hostedFileContent(await deps.db(), params.appid, params.fileName);
  if (content === null) return notFound(head);
  const body = Buffer.from(content, "utf8");
  return new Response(head ? null : body, {
    status: 200,
    headers: {
      "content-type": TEXT,
      "content-length": String(body.byteLength),
      "cache-control": CACHE_CONTROL,
      "x-robots-tag": "noindex",
    },
  });
}

/** The route's GET and HEAD handlers over the given database and hosting configuration. */
export function hostedFileRoute(deps: HostedFileRouteDeps) {
  return {
    GET: async (_request: Request, context: RouteContext) => answer(deps, await context.params, false),
    HEAD: async (_request: Request, context: RouteContext) => answer(deps, await context.params, true),
  };
}
