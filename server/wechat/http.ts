import "server-only";

import { TransportError } from "./errors";

export interface WeChatAnswer {
  status: number;
  json: Record<string, unknown>;
}

/**
 * One HTTP request to WeChat with a deadline. Errors never contain the URL:
 * it carries the access token (or, for /cgi-bin/token, the AppSecret).
 */
export async function requestJson(
  url: string,
  init: { method: "GET" | "POST"; body?: unknown; timeoutMs: number },
): Promise<WeChatAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs),
      redirect: "error",
    });
  } catch (error) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
      throw new TransportError("timeout", `no answer within ${init.timeoutMs} ms`);
    }
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : "connection failed";
    throw new TransportError(
      "network",
      `the connection failed (${cause.replace(/https?:\/\/\S+/g, "[url]")})`,
    );
  }

  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new TransportError(
      timedOut ? "timeout" : "network",
      timedOut ? `no answer within ${init.timeoutMs} ms` : "the connection closed mid-answer",
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TransportError(
      "malformed",
      `WeChat answered HTTP ${response.status} with something that is not JSON`,
    );
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new TransportError(
      "malformed",
      `WeChat answered HTTP ${response.status} with JSON that is not an object`,
    );
  }
  return { status: response.status, json: json as Record<string, unknown> };
}
