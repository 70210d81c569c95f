/**
 * How the pages read the route handlers (`app/api/`) with react-query: a query object as a query string,
 * and a GET whose failure carries the handler's status and its error in the shape server actions use.
 */
import type { ActionError } from "./action-result";

/** A query as a query string, leaving out what is not set (undefined, null or empty). */
export function toSearchParams(query: object): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  return params;
}

/** `path` with the query string of `query`, without a `?` when nothing is set. */
export function withQuery(path: string, query: object): string {
  const search = toSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

/** A route handler's refusal or failure: `status` 0 when no answer came. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    /** The handler's error (`{ error }` in its body), when it sent one. */
    readonly error: ActionError | null,
  ) {
    super(error?.message ?? `HTTP ${status}`);
    this.name = "RequestError";
  }
}

/** The status of a failed request, 0 for anything else (a dropped connection, an abort). */
export function statusOf(error: unknown): number {
  return error instanceof RequestError ? error.status : 0;
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => null)) as (T & { error?: ActionError }) | null;
  if (!response.ok || !body) throw new RequestError(response.status, body?.error ?? null);
  return body;
}
