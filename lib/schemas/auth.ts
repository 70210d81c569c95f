import { z } from "zod";

import { text } from "./text";

/** Sign-in form; messages are i18n keys under `validation`. */
export const signInSchema = z.object({
  email: text().trim().min(1, "required").pipe(z.email("email")),
  password: text().min(1, "required").max(1024, "tooLong"),
});

export type SignInInput = z.infer<typeof signInSchema>;
