import { z } from "zod";

/** Sign-in form; messages are i18n keys under `validation`. */
export const signInSchema = z.object({
  email: z.string().trim().min(1, "required").pipe(z.email("email")),
  password: z.string().min(1, "required").max(1024, "tooLong"),
});

export type SignInInput = z.infer<typeof signInSchema>;
