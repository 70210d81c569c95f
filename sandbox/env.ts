import { z } from "zod";

/** The sandbox's own configuration (it runs beside the product, not inside it). */
export const sandboxEnv = z
  .object({
    SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(3100),
    SANDBOX_HOST: z.string().min(1).default("127.0.0.1"),
    SANDBOX_FIXTURE: z.enum(["demo", "empty"]).default("demo"),
    SANDBOX_VERBOSE: z.enum(["true", "false", "1", "0"]).optional().transform((v) => v === "true" || v === "1"),
  })
  .parse(process.env);
