import { z } from "zod";

import { RID_PATTERN } from "../wechat/ids";
import { text } from "./text";

/** The input of `lookupRid`: an entry of the log and a rid it names. Messages are i18n keys under `validation`. */
export const ridLookupSchema = z.object(
  {
    entryId: text("invalid").regex(/^\d{1,18}$/, "invalid"),
    rid: text("invalid").regex(RID_PATTERN, "invalid"),
  },
  "invalid",
);
