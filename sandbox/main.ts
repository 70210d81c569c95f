/** `npm run sandbox`: the WeChat API sandbox on its own. */
import { sandboxEnv } from "./env";
import { startSandbox } from "./server";

const sandbox = await startSandbox({
  port: sandboxEnv.SANDBOX_PORT,
  host: sandboxEnv.SANDBOX_HOST,
  fixture: sandboxEnv.SANDBOX_FIXTURE,
  verbose: sandboxEnv.SANDBOX_VERBOSE,
});
console.info(`[sandbox] WeChat API sandbox on ${sandbox.url} (fixture: ${sandboxEnv.SANDBOX_FIXTURE})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
