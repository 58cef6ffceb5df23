import path from "node:path";
import { describe, expect, it } from "vitest";
import { EMBEDDED_NOT_ASKED, databaseTarget } from "@/lib/db/config";

describe("databaseTarget: production needs DATABASE_URL unless the embedded engine is asked for", () => {
  it("refuses production without DATABASE_URL and without TAPHUAN_EMBEDDED=1, with a clear message", () => {
    expect(() => databaseTarget({ NODE_ENV: "production" })).toThrow(EMBEDDED_NOT_ASKED);
    expect(() => databaseTarget({ NODE_ENV: "production", DATABASE_URL: "  " })).toThrow(/DATABASE_URL is not set/);
    expect(() => databaseTarget({ NODE_ENV: "production", TAPHUAN_EMBEDDED: "0" })).toThrow(/TAPHUAN_EMBEDDED=1/);
    expect(() => databaseTarget({ NODE_ENV: "production", TAPHUAN_EMBEDDED: "true" })).toThrow(/TAPHUAN_EMBEDDED=1/);
  });

  it("runs production on the embedded engine when asked for", () => {
    expect(databaseTarget({ NODE_ENV: "production", TAPHUAN_EMBEDDED: "1", TAPHUAN_DATA_DIR: "d" })).toEqual({
      kind: "embedded",
      dir: path.resolve("d"),
    });
  });

  it("runs production on PostgreSQL, whatever TAPHUAN_EMBEDDED says", () => {
    expect(databaseTarget({ NODE_ENV: "production", DATABASE_URL: "postgresql://u@h/db" })).toEqual({ kind: "postgres", url: "postgresql://u@h/db" });
    expect(databaseTarget({ NODE_ENV: "production", DATABASE_URL: "postgres://u@h/db", TAPHUAN_EMBEDDED: "1" }).kind).toBe("postgres");
  });

  it("outside production the embedded engine is the default", () => {
    expect(databaseTarget({}).kind).toBe("embedded");
    expect(databaseTarget({ NODE_ENV: "development" }).kind).toBe("embedded");
    expect(databaseTarget({ NODE_ENV: "test", DATABASE_URL: "" }).kind).toBe("embedded");
  });
});
