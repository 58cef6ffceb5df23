import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The database client by any path: the alias, relative paths, its index and generated files, and
// Prisma's own package. Type-only imports (an enum's type) are allowed: they cannot reach the database.
const noDb = {
  group: ["@/lib/db", "@/lib/db/**", "**/lib/db", "**/lib/db/**", "@prisma/client", "@prisma/client/**", ".prisma/client", ".prisma/client/**"],
  allowTypeImports: true,
  message: "Use a lib/<domain> function that takes the viewer.",
};
const DB_PATH = String.raw`/(^|\/)lib\/db(\/|$)|^@?\.?prisma\/client(\/|$)/`;
// ESLint keeps only the last matching block's list for a rule, so each block below names every list
// that applies to its files.
/** The database client through a dynamic import() or require(). */
const dbSyntax = [
  { selector: `ImportExpression[source.value=${DB_PATH}]`, message: noDb.message },
  { selector: `CallExpression[callee.name="require"][arguments.0.value=${DB_PATH}]`, message: noDb.message },
];
/** Transactions start with transaction() from lib/db, which makes db() the transaction's client inside it (docs/decisions/006). */
const txSyntax = [{ selector: "MemberExpression[property.name='$transaction']", message: "Use transaction() from @/lib/db (docs/decisions/006)." }];
/** Pages show what the viewer may do: permissions (hasAnywhere, can), never the names of their roles. */
const rolesSyntax = [{ selector: "MemberExpression[object.name='viewer'][property.name='roles']", message: "Check a permission (hasAnywhere, can), not a role's name." }];
const noFactories = { name: "@/lib/testing/factories", message: "Test factories are for tests and the e2e support route only." };

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", "lib/db/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  // Routes and components go through lib/<domain>; nothing ships the test factories.
  {
    rules: {
      "no-restricted-imports": ["error", { paths: [noFactories], patterns: [noDb] }],
      "no-restricted-syntax": ["error", ...dbSyntax, ...txSyntax],
    },
  },
  // Pages show what the viewer may do: permissions (hasAnywhere, can), never the names of their roles.
  {
    files: ["app/**", "components/**"],
    rules: { "no-restricted-syntax": ["error", ...dbSyntax, ...txSyntax, ...rolesSyntax] },
  },
  {
    files: ["lib/**", "app/api/health/**", "instrumentation.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [noFactories] }], "no-restricted-syntax": ["error", ...txSyntax] },
  },
  {
    files: ["lib/testing/**", "app/api/test-support/**", "tests/**", "scripts/**", "prisma/**", "bench/**"],
    rules: { "no-restricted-imports": "off", "no-restricted-syntax": ["error", ...txSyntax] },
  },
  { files: ["lib/db/**"], rules: { "no-restricted-syntax": "off" } },
  // Playwright fixtures call their continuation `use`, which is not React's hook.
  { files: ["tests/e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
];

export default config;
