import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/return-path";

describe("coming back after signing in", () => {
  it("keeps a path of this site with its query", () => {
    expect(safeReturnPath("/checkin/1b2c?t=abc")).toBe("/checkin/1b2c?t=abc");
    expect(safeReturnPath("/people?q=nguy%E1%BB%85n&page=2")).toBe("/people?q=nguy%E1%BB%85n&page=2");
  });

  it("never leads to another site or back to the sign-in page", () => {
    for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "evil.example", "/login", "/login?next=/x", "/api/auth/signout", "/x\n", "", 42, null]) {
      expect(safeReturnPath(bad), String(bad)).toBeNull();
    }
  });
});
