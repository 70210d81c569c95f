/**
 * The shapes of WeChat's identifiers, each defined once: the schemas, the URL
 * parsers and the sandbox all test against these.
 */

/** An AppID, of a Mini Program or a Service Account alike: `wx` and 16 lowercase hex digits. */
export const APPID_PATTERN = /^wx[0-9a-f]{16}$/;

/** A rid, the id WeChat puts at the end of an errmsg: three groups of 8 lowercase hex digits. */
export const RID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;
