import { z } from "zod";

/** The sandbox's own configuration (it runs beside the product, not inside it), read once at start. */
const schema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(3100),
  SANDBOX_HOST: z.string().min(1).default("127.0.0.1"),
  SANDBOX_FIXTURE: z.enum(["demo", "empty"]).default("demo"),
  SANDBOX_VERBOSE: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
});

export type SandboxEnv = z.output<typeof schema>;

export function readSandboxEnv(source: Record<string, string | undefined> = process.env): SandboxEnv {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new Error(`invalid sandbox configuration:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
