import { afterEach, describe, expect, it, vi } from "vitest";

const KEYS = ["TAPHUAN_MAX_DOC_MB", "TAPHUAN_MAX_VIDEO_MB", "TAPHUAN_FILES_DIR", "S3_BUCKET", "S3_ENDPOINT", "S3_REGION", "S3_FORCE_PATH_STYLE"];
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

/** env() read afresh with these variables (it caches per module instance). */
async function envWith(vars: Record<string, string>) {
  for (const k of KEYS) delete process.env[k];
  Object.assign(process.env, vars);
  vi.resetModules();
  const { env } = await import("@/lib/env");
  return env;
}

afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("file storage configuration", () => {
  it("defaults: 50 MB documents, 1 GB videos, the local folder", async () => {
    const e = (await envWith({ TAPHUAN_MAX_DOC_MB: "", S3_BUCKET: " " }))();
    expect(e).toMatchObject({ TAPHUAN_MAX_DOC_MB: 50, TAPHUAN_MAX_VIDEO_MB: 1024, S3_BUCKET: undefined, S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: "0" });
  });
  it("reads limits and S3 settings", async () => {
    const e = (await envWith({ TAPHUAN_MAX_DOC_MB: "20", TAPHUAN_MAX_VIDEO_MB: "2048", S3_BUCKET: "taphuan", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "1" }))();
    expect(e).toMatchObject({ TAPHUAN_MAX_DOC_MB: 20, TAPHUAN_MAX_VIDEO_MB: 2048, S3_BUCKET: "taphuan", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "1" });
  });
  it("stops at boot on a bad value, naming it", async () => {
    expect(await envWith({ TAPHUAN_MAX_VIDEO_MB: "1 GB" })).toThrow(/TAPHUAN_MAX_VIDEO_MB/);
    expect(await envWith({ TAPHUAN_MAX_DOC_MB: "-5" })).toThrow(/TAPHUAN_MAX_DOC_MB/);
    expect(await envWith({ S3_ENDPOINT: "not a url" })).toThrow(/S3_ENDPOINT/);
  });
});
