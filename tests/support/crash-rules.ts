/** The list of rules the crash test sends twice: by the process it kills, then again by a fresh one. */
export const crashRule = (n: number) => ({
  prefix: `https://crash.example.com/r${n}/`,
  permitSubRule: 1 as const,
  path: `pages/r${n}/index`,
  openVersion: 3 as const,
  debugUrls: [`https://crash.example.com/r${n}/1`],
});
