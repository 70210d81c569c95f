import { ESLint, type Linter } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

// Loaded at run time: the config is plain JavaScript without type declarations.
const configPath: string = "../../eslint.config.mjs";
const { default: config } = (await import(configPath)) as { default: Linter.Config[] };

/**
 * The layers are kept by the linter (eslint.config.mjs). These cases lint
 * source text as if it stood at a path in the tree, with the config's own
 * layer entries, so a rule that stops refusing (or starts refusing what is
 * allowed) fails here, not in review.
 */
const layerEntries = config.filter((entry) => entry.rules?.["no-restricted-imports"]);
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [
    { files: ["**/*.ts", "**/*.tsx"], languageOptions: { parser: tseslint.parser } },
    ...layerEntries,
  ],
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "no-restricted-imports")
    .map((m) => m.message);
}

describe("layer rules", () => {
  it.each([
    ["lib/wechat/zz-layer-case.ts", 'import { env } from "@/server/env";\nexport const value = env;\n'],
    [
      "lib/wechat/zz-layer-case.ts",
      'import { getDb } from "../../server/db";\nexport const value = getDb;\n',
    ],
    ["components/ui/zz-layer-case.ts", 'import { getDb } from "@/server/db";\nexport const value = getDb;\n'],
    ["sandbox/zz-layer-case.ts", 'import { getDb } from "../server/db";\nexport const value = getDb;\n'],
    [
      "server/zz-layer-case.ts",
      'import { Button } from "@/components/ui/button";\nexport const value = Button;\n',
    ],
  ])("%s may not import across its layer", async (filePath, code) => {
    const messages = await restrictedImports(filePath, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/cannot|never|nothing else|below the UI/);
  });

  it.each([
    [
      "components/ui/zz-layer-case.ts",
      'import { saveTypeARule } from "@/server/actions/rules";\nexport const value = saveTypeARule;\n',
    ],
    [
      "sandbox/zz-layer-case.ts",
      'import { matchesRule } from "../lib/wechat/match";\nexport const value = matchesRule;\n',
    ],
    ["server/zz-layer-case.ts", 'import { hasRole } from "@/lib/roles";\nexport const value = hasRole;\n'],
  ])("%s may import what its layer allows", async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
