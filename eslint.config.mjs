import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const noDb = { name: "@/lib/db", message: "Use a lib/<domain> function that takes the viewer." };
const noFactories = { name: "@/lib/testing/factories", message: "Test factories are for tests and the e2e support route only." };

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", "lib/db/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  // Routes and components go through lib/<domain>; nothing ships the test factories.
  { rules: { "no-restricted-imports": ["error", { paths: [noDb, noFactories] }] } },
  {
    files: ["lib/**", "app/api/health/**"],
    rules: { "no-restricted-imports": ["error", { paths: [noFactories] }] },
  },
  {
    files: ["lib/testing/**", "app/api/test-support/**", "tests/**", "scripts/**", "prisma/**", "bench/**"],
    rules: { "no-restricted-imports": "off" },
  },
  // Pages show what the viewer may do: permissions (hasAnywhere, can), never the names of their roles.
  {
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-syntax": ["error", { selector: "MemberExpression[object.name='viewer'][property.name='roles']", message: "Check a permission (hasAnywhere, can), not a role's name." }],
    },
  },
  // Playwright fixtures call their continuation `use`, which is not React's hook.
  { files: ["tests/e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
];

export default config;
