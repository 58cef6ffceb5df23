// The lint rule that keeps routes and components away from the database catches every path to the
// client (decision 003): the alias, relative paths, the index, generated files and @prisma/client.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: ROOT });

async function refused(code: string, file: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  const rules = (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
  return rules.some((r) => r === "no-restricted-imports" || r === "no-restricted-syntax");
}

const VALUE_IMPORTS = [
  `import { db } from "@/lib/db";`,
  `import { db } from "@/lib/db/index";`,
  `import { db } from "@/lib/db/index.ts";`,
  `import { PrismaClient } from "@/lib/db/generated/client";`,
  `import { Role } from "@/lib/db/generated/enums";`,
  `import { PrismaClient } from "@prisma/client";`,
  `import { Prisma } from "@prisma/client/runtime/client";`,
  `import * as client from "@/lib/db";`,
  `export { db } from "@/lib/db";`,
  `export const load = () => import("@/lib/db");`,
  `export const load = () => import("@prisma/client");`,
  `export const load = () => require("@/lib/db/index");`,
];

describe("lint: no database client outside lib/", () => {
  it("refuses every path to the client from a page and from a component", { timeout: 60_000 }, async () => {
    for (const file of ["app/(app)/x/page.tsx", "components/x/y.tsx"]) {
      const depth = file.split("/").length - 1;
      const up = "../".repeat(depth);
      const imports = [...VALUE_IMPORTS, `import { db } from "${up}lib/db";`, `import { db } from "${up}lib/db/index";`, `import { db } from "${up}lib/db/generated/client";`];
      for (const line of imports) expect(await refused(`${line}\nexport const x = 1;\n`, file), `${file}: ${line}`).toBe(true);
    }
  });

  it("allows type-only imports of generated enums, and lib/ itself", { timeout: 60_000 }, async () => {
    expect(await refused(`import type { Role } from "@/lib/db/generated/enums";\nexport type X = Role;\n`, "components/x/y.tsx")).toBe(false);
    expect(await refused(`import { db } from "@/lib/db";\nexport const x = db;\n`, "lib/x/queries.ts")).toBe(false);
    expect(await refused(`export const load = () => import("@/lib/dbx/queries");\n`, "components/x/y.tsx")).toBe(false);
    expect(await refused(`import { listUnits } from "@/lib/units/queries";\nexport const x = listUnits;\n`, "components/x/y.tsx")).toBe(false);
  });
});
