import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * After the end-to-end run: the servers appended every process warning to
 * $TAPHUAN_E2E_DIR/server-warnings.log (instrumentation.ts). Queries issued at once on one
 * transaction's connection (pg's DeprecationWarning "client is already executing a query", an
 * error in pg 9) and lib/db's transaction warnings fail the run (docs/decisions/006); other
 * warnings are listed.
 */
export default function globalTeardown(): void {
  const dir = process.env.TAPHUAN_E2E_DIR;
  if (!dir) return;
  const file = path.join(dir, "server-warnings.log");
  if (!existsSync(file)) return;
  const warnings = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { name?: string; code?: string; message?: string; stack?: string });
  const fatal = warnings.filter(
    (w) =>
      w.code === "TAPHUAN_DB_TRANSACTION" ||
      (w.name === "DeprecationWarning" && /client\.query\(\)|pg@\d|already executing a query/.test(w.message ?? "")),
  );
  const others = warnings.filter((w) => !fatal.includes(w));
  for (const w of others) console.warn(`server warning: ${w.name}${w.code ? ` ${w.code}` : ""}: ${w.message}`);
  if (fatal.length > 0) {
    throw new Error(
      `The servers logged ${fatal.length} database warning(s) (see ${file}):\n` +
        fatal.map((w) => `${w.name}: ${w.message}\n${w.stack ?? ""}`).join("\n\n"),
    );
  }
}
