import "server-only";

import type { z } from "zod";

import { ridOf } from "@/lib/wechat/error-catalog";

import type { CallRecord } from "./call-log";
import type { CallSpec } from "./call-spec";
import { TransportError } from "./errors";
import { requestJson } from "./http";
import type { Outcome } from "./retry-policy";

/** Sends one attempt and says what came of it, with what its record keeps of the answer. */
export async function sendAttempt<S extends z.ZodType>(
  target: { baseUrl: string; timeoutMs: number },
  spec: CallSpec<S>,
  param: "access_token" | "component_access_token",
  token: string,
): Promise<{ outcome: Outcome; fields: Partial<CallRecord>; parsed?: z.output<S> }> {
  let json: Record<string, unknown>;
  try {
    ({ json } = await requestJson(`${target.baseUrl}${spec.path}?${param}=${encodeURIComponent(token)}`, {
      method: "POST",
      body: spec.body,
      timeoutMs: target.timeoutMs,
    }));
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    return {
      outcome: { kind: "no-answer", failure: error.failure, message: error.message },
      fields: { failure: error.failure, errmsg: error.message },
    };
  }

  const errcode = typeof json.errcode === "number" ? json.errcode : 0;
  const errmsg = typeof json.errmsg === "string" ? json.errmsg : "";
  const responseBody = spec.operation === "download" ? { file_name: json.file_name } : json;
  if (errcode !== 0) {
    const rid = ridOf(errmsg);
    return {
      outcome: { kind: "error", errcode, errmsg, rid },
      fields: { errcode, errmsg, rid, responseBody },
    };
  }
  const parsed = spec.schema.safeParse(json);
  if (!parsed.success) {
    const message = malformedMessage(parsed.error);
    return {
      outcome: { kind: "malformed", message },
      fields: {
        errcode,
        errmsg: message,
        responseBody: spec.recordAnswer?.(json) ?? responseBody,
        failure: "malformed",
      },
    };
  }
  return {
    outcome: { kind: "success" },
    fields: { errcode, errmsg: errmsg || "ok", responseBody: spec.recordAnswer?.(json) ?? responseBody },
    parsed: parsed.data,
  };
}

/** A success answer that lacks what it must carry: which fields, so the record says what WeChat sent. */
function malformedMessage(error: z.ZodError): string {
  const fields = [...new Set(error.issues.map((issue) => issue.path.map(String).join(".")).filter(Boolean))];
  if (fields.length === 0) return "WeChat's answer did not have the expected fields";
  const shown = fields.length > 5 ? [...fields.slice(0, 5), "…"] : fields;
  return `WeChat answered success without the expected fields (${shown.join(", ")})`;
}
