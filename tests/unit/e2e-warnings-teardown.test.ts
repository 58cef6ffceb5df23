import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import globalTeardown from "../e2e/global-teardown";

// The e2e servers append their process warnings to $TAPHUAN_E2E_DIR/server-warnings.log.
describe("the e2e teardown fails on the servers' database warnings", () => {
  let dir = "";
  const saved = process.env.TAPHUAN_E2E_DIR;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "taphuan-teardown-"));
    process.env.TAPHUAN_E2E_DIR = dir;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    process.env.TAPHUAN_E2E_DIR = saved;
  });
  const write = (...lines: object[]) =>
    writeFileSync(path.join(dir, "server-warnings.log"), lines.map((l) => `${JSON.stringify(l)}\n`).join(""));

  it("passes without a warnings file, and with unrelated warnings only", () => {
    expect(() => globalTeardown()).not.toThrow();
    write({ name: "ExperimentalWarning", message: "something experimental" });
    expect(() => globalTeardown()).not.toThrow();
  });

  it("fails on pg's parallel-query deprecation and on lib/db's transaction warning", () => {
    write({
      name: "DeprecationWarning",
      message: "Calling client.query() when the client is already executing a query is deprecated and will be removed in pg@9.0.",
    });
    expect(() => globalTeardown()).toThrow(/1 database warning/);
    write({ name: "TaphuanDbWarning", code: "TAPHUAN_DB_TRANSACTION", message: "lib/db: a query went through the global client" });
    expect(() => globalTeardown()).toThrow(/global client/);
  });
});
