"use server";

import { accountInput, preflightVerificationInput } from "@/lib/schemas/rules";

import { hostVerificationFile as hostFile } from "../verification/host-verification-file";
import { hostingFromEnv } from "../verification/hosted-files";
import { verificationHosting } from "../verification/hosting-view";
import { preflightPrefix } from "../verification/preflight-prefix";
import { recheckVerificationNow } from "../verification/recheck";
import { authAction } from "./safe-action";

/** Downloads the verification file from WeChat now and serves it at the product's own address. */
export const hostVerificationFile = authAction(
  {
    role: "operator",
    schema: accountInput,
    name: "hostVerificationFile",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => hostFile(context, input.accountId, hostingFromEnv()),
);

/** Whether the product hosts the account's verification file, and the directory it offers as a prefix. */
export const getVerificationHosting = authAction(
  {
    role: "viewer",
    schema: accountInput,
    name: "getVerificationHosting",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => verificationHosting(context, input.accountId, hostingFromEnv()),
);

/** Fetches the verification file from where WeChat will look for it under the prefix, and reports. */
export const preflightVerification = authAction(
  {
    role: "viewer",
    schema: preflightVerificationInput,
    name: "preflightVerification",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => preflightPrefix(context, input.accountId, input.prefix),
);

/** Fetches the verification file of each of the account's published rules again now ("Recheck now"). */
export const recheckVerification = authAction(
  {
    role: "operator",
    schema: accountInput,
    name: "recheckVerification",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => recheckVerificationNow(context, input.accountId),
);
