/** Reading request bodies with a size cap, and writing JSON answers. */
import type { IncomingMessage, ServerResponse } from "node:http";

/** WeChat calls: anything larger answers 45002. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Control calls: a reset may carry thousands of rules. */
export const MAX_CONTROL_BODY_BYTES = 16 * 1024 * 1024;
/**
 * Past the cap the rest of a body is read and thrown away, so the client gets
 * its answer instead of a reset connection; past this many bytes the
 * connection is closed instead.
 */
const DRAIN_FACTOR = 8;

export class BodyTooLarge extends Error {
  constructor() {
    super("request body too large");
  }
}

export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    if (declared > limit * DRAIN_FACTOR) {
      reject(new BodyTooLarge());
      return;
    }
    if (req.readableEnded) {
      resolve("");
      return;
    }
    if (req.destroyed) {
      reject(new Error("the client went away mid-request"));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit * DRAIN_FACTOR) {
        settle(() => reject(new BodyTooLarge()));
        req.destroy();
        return;
      }
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () =>
      settle(() =>
        size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks, size).toString("utf8")),
      ),
    );
    req.on("error", (error) => settle(() => reject(error)));
    req.on("close", () => settle(() => reject(new Error("the client went away mid-request"))));
  });
}

/** Writes a JSON answer and returns its text (rid lookups keep it). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): string {
  const text = JSON.stringify(body);
  if (res.destroyed || res.headersSent) return text;
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
  return text;
}
