// Stand-in for the `server-only` fence when server modules run under Vitest.
export {};
