import { defineConfig } from "prisma/config";

// The URL is only used by Prisma CLI commands that talk to a database; this project applies
// migrations through scripts/migrate.ts instead (docs/decisions/001).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
