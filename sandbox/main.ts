/** `npm run sandbox`: the WeChat API sandbox on its own, with the demo fixture unless told otherwise. */
import { readSandboxEnv } from "./env";
import { startSandbox } from "./server";

async function main(): Promise<void> {
  const env = readSandboxEnv();
  const sandbox = await startSandbox({
    port: env.SANDBOX_PORT,
    host: env.SANDBOX_HOST,
    fixture: env.SANDBOX_FIXTURE,
    verbose: env.SANDBOX_VERBOSE,
  });
  console.info(`[sandbox] WeChat API sandbox on ${sandbox.url} (fixture: ${env.SANDBOX_FIXTURE})`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("[sandbox] failed to stop cleanly:", error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error("[sandbox] failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
