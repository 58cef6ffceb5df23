import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { courseFileResponse, uploadResponse } from "@/lib/http/course-files";
import { handleRoute } from "@/lib/http/route";
import { db } from "@/lib/db";
import { makeCourse, makeEnrolment, makeSection } from "@/lib/testing/course-factories";
import { asViewer } from "@/lib/testing/routes";
import { makeProvince, makeViewer } from "@/lib/testing/factories";
import { S3Storage } from "@/lib/storage/s3";
import { storageContract } from "./storage-contract";

// s3rver: an S3-protocol server in this process, on a free port, over a temp directory.
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";

type S3rverInstance = { run(): Promise<AddressInfo>; close(): Promise<void> };
const dir = mkdtempSync(path.join(tmpdir(), "taphuan-s3rver-"));
const server = new (S3rver as new (o: object) => S3rverInstance)({
  port: 0,
  address: "127.0.0.1",
  silent: true,
  directory: dir,
  configureBuckets: [{ name: "taphuan-test" }],
});
let store: S3Storage;

beforeAll(async () => {
  const address = await server.run();
  store = new S3Storage({
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket: "taphuan-test",
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
  });
});
afterAll(async () => {
  store?.client.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("S3-compatible storage (s3rver)", () => {
  storageContract(() => store);
});

describe("course files on S3", () => {
  const HOST = "taphuan.test";
  const webm = readFileSync(path.resolve(import.meta.dirname, "../fixtures/files/bai-giang.webm"));
  const upload = (viewer: Viewer, courseId: string, sectionId: string, body: Buffer, limits = { docBytes: 1e6, videoBytes: 20e6 }) =>
    handleRoute(
      new Request(`http://${HOST}/api/courses/${courseId}/files?${new URLSearchParams({ sectionId, name: "Bài giảng.webm" })}`, {
        method: "POST",
        headers: { host: HOST, origin: `http://${HOST}`, "content-type": "application/octet-stream" },
        body: new Uint8Array(body),
      }),
      { id: courseId },
      { name: "files.upload" },
      (ctx) => uploadResponse(ctx.viewer, ctx.params.id, ctx.request, { store, limits }),
      asViewer(viewer, "vi"),
    );

  it("uploads a 9 MB video in parts, serves ranges to the enrolled learner, and cleans up a refused one", async () => {
    const p = await makeProvince();
    const trainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.agency.id }]);
    const course = await makeCourse({ unitId: p.communeA.id, trainerIds: [trainer.userId] });
    const section = await makeSection(course.id);
    const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
    await makeEnrolment({ userId: learner.userId, courseId: course.id });

    const bytes = Buffer.concat([webm, randomBytes(9 * 1024 * 1024)]);
    const res = await upload(trainer, course.id, section.id, bytes);
    expect(res.status).toBe(201);
    const { file } = (await res.json()) as { file: { id: string; size: number; durationSeconds: number | null } };
    expect(file.size).toBe(bytes.length);
    // Its length read from the stored object's head by ranged reads (the fixture states 1 s).
    expect(file.durationSeconds).toBe(1);
    const row = await db().storedFile.findUniqueOrThrow({ where: { id: file.id } });
    expect((await store.stat(row.storageKey))?.size).toBe(bytes.length);

    const get = (range: string) => courseFileResponse(learner, file.id, new Request(`http://${HOST}/api/files/${file.id}`, { headers: { range } }), { store });
    for (const [range, start, end] of [["bytes=0-0", 0, 0], ["bytes=8388600-8388700", 8388600, 8388700], ["bytes=-100", bytes.length - 100, bytes.length - 1]] as const) {
      const part = await get(range);
      expect(part.status).toBe(206);
      expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(start, end + 1)), range).toBe(true);
    }

    // Over the limit: refused in Vietnamese, and neither an object nor a row remains.
    const before = await db().storedFile.count({ where: { courseId: course.id } });
    const refused = await upload(trainer, course.id, section.id, bytes, { docBytes: 1e6, videoBytes: 5e6 });
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "TOO_LARGE", message: expect.stringMatching(/^Tệp quá lớn/) });
    expect(await db().storedFile.count({ where: { courseId: course.id } })).toBe(before);
    const keys: string[] = [];
    for await (const o of store.list(`courses/${course.id}/`)) keys.push(o.key);
    expect(keys).toEqual([row.storageKey]);
  });
});
