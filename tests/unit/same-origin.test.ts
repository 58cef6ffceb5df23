import { describe, expect, it } from "vitest";
import { assertOctetStream, assertSameOrigin } from "@/lib/http/same-origin";

const req = (headers: Record<string, string>) => new Request("http://taphuan.test/api/x", { method: "POST", headers });
const code = (f: () => void) => {
  try {
    f();
    return "ok";
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe("requests that change state come from our own pages", () => {
  it("accepts our own origin, behind a proxy too", () => {
    expect(code(() => assertSameOrigin(req({ host: "taphuan.test", origin: "http://taphuan.test" })))).toBe("ok");
    expect(code(() => assertSameOrigin(req({ host: "app:3000", "x-forwarded-host": "taphuan.gov.vn", origin: "https://taphuan.gov.vn" })))).toBe("ok");
  });

  it("refuses another site, a broken origin, and a request that says nothing about where it comes from", () => {
    expect(code(() => assertSameOrigin(req({ host: "taphuan.test", origin: "https://evil.example" })))).toBe("FORBIDDEN");
    expect(code(() => assertSameOrigin(req({ host: "taphuan.test", origin: "null" })))).toBe("FORBIDDEN");
    expect(code(() => assertSameOrigin(req({ host: "taphuan.test" })))).toBe("FORBIDDEN");
    expect(code(() => assertSameOrigin(req({ host: "taphuan.test", "sec-fetch-site": "cross-site" })))).toBe("FORBIDDEN");
  });

  it("without Origin, trusts a browser's Sec-Fetch-Site: same-origin", () => {
    expect(code(() => assertSameOrigin(req({ host: "taphuan.test", "sec-fetch-site": "same-origin" })))).toBe("ok");
  });

  it("takes file bodies only as application/octet-stream", () => {
    expect(code(() => assertOctetStream(req({ "content-type": "application/octet-stream" }), "files.notOctetStream"))).toBe("ok");
    expect(code(() => assertOctetStream(req({ "content-type": "multipart/form-data; boundary=x" }), "files.notOctetStream"))).toBe("UNSUPPORTED_MEDIA");
  });
});
