import { describe, expect, it } from "vitest";
import { AppError, ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { errorResponse, handleRoute, type ErrorBody } from "@/lib/http/route";
import { translator } from "@/lib/i18n/messages";
import { asViewer } from "@/lib/testing/routes";

const vi = translator("vi");
const en = translator("en");
const bodyOf = async (res: Response) => (await res.json()) as ErrorBody;

describe("route handlers answer every error one way", () => {
  it("maps each code to its one status, including 413 and 415", () => {
    expect(ERROR_STATUS).toEqual({
      INTERRUPTED: 400,
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      ATTEMPT_CLOSED: 409,
      TOO_LARGE: 413,
      UNSUPPORTED_MEDIA: 415,
      VALIDATION: 422,
      RATE_LIMITED: 429,
    });
  });

  it("answers every code with { error: { code, message, field? } }, never cached, the status from the code", async () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
      const res = errorResponse(new AppError(code, "errors.generic", { field: code === "VALIDATION" ? "name" : undefined }), en);
      expect(res.status, code).toBe(ERROR_STATUS[code]);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const body = await bodyOf(res);
      expect(body).toEqual({ error: { code, message: en("errors.generic"), ...(code === "VALIDATION" ? { field: "name" } : {}) } });
    }
  });

  it("translates the message into the request's language, with its parameters", async () => {
    const e = new AppError("TOO_LARGE", "files.tooLarge", { field: "file", params: { limit: 50 } });
    const inVi = await bodyOf(errorResponse(e, vi));
    const inEn = await bodyOf(errorResponse(e, en));
    expect(inVi.error.message).toBe(vi("files.tooLarge", { limit: 50 }));
    expect(inEn.error.message).toBe(en("files.tooLarge", { limit: 50 }));
    expect(inVi.error.message).not.toBe(inEn.error.message);
    expect(inVi.error.message).toContain("50");
  });

  it("hides anything that is not an AppError behind a generic 500", async () => {
    const original = console.error;
    console.error = () => undefined;
    try {
      const res = errorResponse(new Error("connection refused to 10.0.0.5"), vi);
      expect(res.status).toBe(500);
      expect(await bodyOf(res)).toEqual({ error: { code: "INTERNAL", message: vi("errors.generic") } });
    } finally {
      console.error = original;
    }
  });

  it("tells a rate-limited caller when to come back", () => {
    const res = errorResponse(new AppError("RATE_LIMITED", "privacy.export.tooMany", { params: { retryAfterSeconds: 3600 } }), vi);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3600");
  });
});

describe("the route wrapper", () => {
  const ok = async () => new Response("ok");
  const post = (headers: Record<string, string>) => new Request("http://taphuan.test/api/x", { method: "POST", headers: { host: "taphuan.test", ...headers } });

  it("refuses a state-changing request from another site before anything runs (403), in the caller's language", async () => {
    let ran = false;
    const res = await handleRoute(post({ origin: "https://evil.example" }), {}, { name: "t", access: "public" }, () => ((ran = true), ok()), asViewer(null, "vi"));
    expect(res.status).toBe(403);
    expect((await bodyOf(res)).error).toEqual({ code: "FORBIDDEN", message: vi("errors.forbidden") });
    expect(ran).toBe(false);
    // Without Origin, a browser's Sec-Fetch-Site must say same-origin; a bare request is refused too.
    expect((await handleRoute(post({}), {}, { name: "t", access: "public" }, ok, asViewer(null))).status).toBe(403);
    expect((await handleRoute(post({ origin: "http://taphuan.test" }), {}, { name: "t", access: "public" }, ok, asViewer(null))).status).toBe(200);
  });

  it("lets reads through without the origin check, and a route with its own secret opt out", async () => {
    const get = new Request("http://taphuan.test/api/x", { headers: { host: "taphuan.test" } });
    expect((await handleRoute(get, {}, { name: "t", access: "public" }, ok, asViewer(null))).status).toBe(200);
    expect((await handleRoute(post({ origin: "https://evil.example" }), {}, { name: "t", access: "public", sameOrigin: false }, ok, asViewer(null))).status).toBe(200);
  });

  it("answers 401 to a signed-out caller of a signed-in route, and hands null to an optional one", async () => {
    const get = new Request("http://taphuan.test/api/x");
    const res = await handleRoute(get, {}, { name: "t" }, ok, asViewer(null, "en"));
    expect(res.status).toBe(401);
    expect((await bodyOf(res)).error).toEqual({ code: "UNAUTHENTICATED", message: en("errors.unauthenticated") });
    let seen: unknown = "unset";
    await handleRoute(get, {}, { name: "t", access: "optional" }, ({ viewer }) => ((seen = viewer), ok()), asViewer(null));
    expect(seen).toBeNull();
  });

  it("turns what the handler throws into the one error body", async () => {
    const get = new Request("http://taphuan.test/api/x");
    const res = await handleRoute(get, {}, { name: "t", access: "public" }, () => {
      throw new AppError("UNSUPPORTED_MEDIA", "files.unsupportedType", { field: "file" });
    }, asViewer(null, "en"));
    expect(res.status).toBe(415);
    expect(await bodyOf(res)).toEqual({ error: { code: "UNSUPPORTED_MEDIA", message: en("files.unsupportedType"), field: "file" } });
  });
});
