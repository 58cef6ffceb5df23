import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { sweepAbandonedUploads } from "@/lib/courses/upload-sweep";
import { db } from "@/lib/db";
import { courseFileResponse, uploadResponse } from "@/lib/http/course-files";
import { handleRoute } from "@/lib/http/route";
import { LocalStorage } from "@/lib/storage/local";
import { makeCourse, makeEnrolment, makeSection } from "@/lib/testing/course-factories";
import { codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer } from "@/lib/testing/factories";
import { asViewer } from "@/lib/testing/routes";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/files");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const root = mkdtempSync(path.join(tmpdir(), "taphuan-files-it-"));
const store = new LocalStorage(root);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HOST = "taphuan.test";
const limits = { docBytes: 5 * 1024 * 1024, videoBytes: 20 * 1024 * 1024 };

/** A course in commune A with its trainer, an enrolled learner, outsiders of every kind. */
async function setup(status: "PUBLISHED" | "DRAFT" = "PUBLISHED") {
  const p = await makeProvince();
  const trainerUser = await makeUser({ unitId: p.agency.id, grants: [{ role: "TRAINER", unitId: p.agency.id }] });
  const trainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.agency.id }]);
  // makeViewer creates its own user; the course's trainer is that viewer.
  const course = await makeCourse({ unitId: p.communeA.id, status, trainerIds: [trainer.userId] });
  const section = await makeSection(course.id);
  const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
  await makeEnrolment({ userId: learner.userId, courseId: course.id });
  const otherLearner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
  const otherCourse = await makeCourse({ unitId: p.communeA.id, trainerIds: [trainerUser.id] });
  const otherTrainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.agency.id }]);
  await db().courseTrainer.create({ data: { courseId: otherCourse.id, userId: otherTrainer.userId } });
  const otherAdmin = await makeViewer(p.communeB.id, [{ role: "UNIT_ADMIN", unitId: p.communeB.id }]);
  return { p, course, section, trainer, learner, otherLearner, otherTrainer, otherAdmin };
}

type Body = Buffer | ReadableStream<Uint8Array>;
function uploadRequest(courseId: string, sectionId: string, name: string, body: Body, extra: { headers?: Record<string, string>; signal?: AbortSignal } = {}) {
  const url = `http://${HOST}/api/courses/${courseId}/files?${new URLSearchParams({ sectionId, name })}`;
  return new Request(url, {
    method: "POST",
    headers: {
      host: HOST,
      origin: `http://${HOST}`,
      "content-type": "application/octet-stream",
      ...(Buffer.isBuffer(body) ? { "content-length": String(body.length) } : {}),
      ...extra.headers,
    },
    body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
    // @ts-expect-error Node's fetch needs duplex for a stream body
    duplex: "half",
    signal: extra.signal,
  });
}

type UploadJson = {
  error?: { code: string; message: string; field?: string };
  lesson?: { id: string; title: string; kind: string; position: number };
  file?: { id: string; size: number; mimeType: string; durationSeconds: number | null };
};

/** The upload route as the app runs it: the route wrapper (same origin, viewer, errors) around the upload exchange. */
async function upload(viewer: Viewer, courseId: string, sectionId: string, name: string, body: Body, extra: { limits?: typeof limits; headers?: Record<string, string>; signal?: AbortSignal; heartbeatMs?: number } = {}) {
  const res = await handleRoute(
    uploadRequest(courseId, sectionId, name, body, extra),
    { id: courseId },
    { name: "files.upload" },
    (ctx) => uploadResponse(ctx.viewer, ctx.params.id, ctx.request, { store, limits: extra.limits ?? limits, heartbeatMs: extra.heartbeatMs }),
    asViewer(viewer),
  );
  const json = (await res.json()) as UploadJson;
  return { status: res.status, json: { ...json, error: json.error?.message } };
}

function get(viewer: Viewer, fileId: string, headers: Record<string, string> = {}, method = "GET") {
  return courseFileResponse(viewer, fileId, new Request(`http://${HOST}/api/files/${fileId}`, { method, headers }), { store });
}

/** What exists for a course: rows and objects. Proves a failed upload left nothing. */
async function leftovers(courseId: string) {
  const objects: string[] = [];
  for await (const o of store.list(`courses/${courseId}/`)) objects.push(o.key);
  return {
    files: await db().storedFile.count({ where: { courseId } }),
    lessons: await db().lesson.count({ where: { courseId } }),
    objects: objects.length,
    temp: readdirSync(path.join(root, ".tmp")).length,
    audits: await db().auditEvent.count({ where: { action: "course.lesson.upload", entityId: courseId } }),
  };
}
const CLEAN = { files: 0, lessons: 0, objects: 0, temp: 0, audits: 0 };

/** A body that sends `size` random bytes in chunks, then fails: a connection dropped halfway. */
function brokenBody(size: number, head: Buffer): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) {
        controller.error(new Error("connection reset"));
        return;
      }
      const chunk = sent === 0 ? head : randomBytes(64 * 1024);
      sent += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
}

describe("uploading course files", () => {
  it("turns a PDF, a WebM, an MP4, a DOCX and an XLSX into lessons at the end of the section, stored under generated names", async () => {
    const { course, section, trainer } = await setup();
    const pdf = await upload(trainer, course.id, section.id, "Tài liệu hướng dẫn.pdf", fixture("tai-lieu.pdf"));
    expect(pdf.status).toBe(201);
    expect(pdf.json.lesson).toMatchObject({ title: "Tài liệu hướng dẫn", kind: "FILE", position: 1 });
    const webm = await upload(trainer, course.id, section.id, "Bài giảng 1.webm", fixture("bai-giang.webm"));
    expect(webm.json.lesson).toMatchObject({ title: "Bài giảng 1", kind: "VIDEO", position: 2 });
    const mp4 = await upload(trainer, course.id, section.id, "bai-giang.mp4", fixture("bai-giang.mp4"));
    expect(mp4.json.lesson).toMatchObject({ kind: "VIDEO", position: 3 });
    // A video's length is read from the file (WebM Duration, MP4 mvhd: both fixtures state 1 s); a document has none.
    expect(webm.json.file?.durationSeconds).toBe(1);
    expect(mp4.json.file?.durationSeconds).toBe(1);
    expect(pdf.json.file?.durationSeconds).toBeNull();
    // [Content_Types].xml last in the archive: recognised by reading the stored file again.
    const docx = await upload(trainer, course.id, section.id, "Mẫu báo cáo.docx", fixture("tai-lieu.docx"));
    expect(docx.status, docx.json.error).toBe(201);
    expect(docx.json.file?.mimeType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Số liệu").addRow(["Đơn vị", "Số người"]);
    const xlsx = await upload(trainer, course.id, section.id, "so-lieu.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    expect(xlsx.json.file?.mimeType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    const rows = await db().storedFile.findMany({ where: { courseId: course.id }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r.state).toBe("READY");
      expect(r.storageKey).toMatch(new RegExp(`^courses/${course.id}/[0-9a-f-]{36}$`));
      expect(r.uploadedById).toBe(trainer.userId);
      expect(Number((await store.stat(r.storageKey))?.size)).toBe(Number(r.size));
    }
    expect(rows[0]!.originalName).toBe("Tài liệu hướng dẫn.pdf");
    expect(Number(rows[0]!.size)).toBe(fixture("tai-lieu.pdf").length);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "course.lesson.upload", data: { path: ["after", "lessonId"], equals: pdf.json.lesson!.id } } });
    expect(audit).toMatchObject({ actorId: trainer.userId, unitId: course.unitId, entity: "Course", entityId: course.id });
  });

  it("refuses an executable named .pdf, a text file named .pdf and a plain ZIP (415), leaving nothing", async () => {
    const { course, section, trainer } = await setup();
    for (const [file, name] of [["chuong-trinh.exe.pdf", "tai-lieu.pdf"], ["gia-mao.pdf", "gia-mao.pdf"], ["khong-phai-van-ban.zip", "bao-cao.docx"]] as const) {
      const res = await upload(trainer, course.id, section.id, name, fixture(file));
      expect(res.status, file).toBe(415);
      expect(res.json.error).toMatch(/not supported/);
    }
    expect(await leftovers(course.id)).toEqual(CLEAN);
  });

  it("refuses too large a file from Content-Length, and while streaming when no length is given (413), leaving nothing", async () => {
    const { course, section, trainer } = await setup();
    const tiny = { docBytes: 1000, videoBytes: 200_000 };
    const pdf = fixture("tai-lieu.pdf");
    const padded = Buffer.concat([pdf, Buffer.alloc(5000, 0x20)]);
    const declared = await upload(trainer, course.id, section.id, "a.pdf", padded, { limits: tiny });
    expect(declared.status).toBe(413);
    expect(declared.json.error).toMatch(/too large/);
    // No Content-Length (a chunked body): refused when the limit is crossed.
    const chunked = new Blob([new Uint8Array(fixture("bai-giang.webm")), new Uint8Array(randomBytes(300_000))]).stream();
    const streamed = await upload(trainer, course.id, section.id, "b.webm", chunked, { limits: tiny });
    expect(streamed.status).toBe(413);
    expect(await leftovers(course.id)).toEqual(CLEAN);
  });

  it("leaves nothing when the body breaks halfway or the uploader leaves", async () => {
    const { course, section, trainer } = await setup();
    const head = fixture("bai-giang.webm");
    const broken = await upload(trainer, course.id, section.id, "video.webm", brokenBody(3 * 1024 * 1024, head));
    expect(broken.status).toBe(400);
    expect(await leftovers(course.id)).toEqual(CLEAN);

    // Cut short of its Content-Length (as a proxy that truncates bodies would): not stored as complete.
    const pdf = fixture("tai-lieu.pdf");
    const cut = await upload(trainer, course.id, section.id, "a.pdf", pdf, { headers: { "content-length": String(pdf.length + 1000) } });
    expect(cut.status).toBe(400);
    expect(await leftovers(course.id)).toEqual(CLEAN);

    const abort = new AbortController();
    let sent = 0;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        sent++;
        if (sent === 20) abort.abort();
        await new Promise((r) => setTimeout(r, 2));
        controller.enqueue(new Uint8Array(sent === 1 ? head : randomBytes(64 * 1024)));
      },
    });
    const left = await upload(trainer, course.id, section.id, "video.webm", slow, { signal: abort.signal });
    expect(left.status).toBe(400);
    expect(await leftovers(course.id)).toEqual(CLEAN);
  });

  it("lets only the course's managers upload: learners who can see the course 403, trainer of another course and other units 404", async () => {
    const { course, section, learner, otherTrainer, otherAdmin, otherLearner } = await setup();
    const pdf = fixture("tai-lieu.pdf");
    expect((await upload(learner, course.id, section.id, "a.pdf", pdf)).status).toBe(403);
    expect((await upload(otherTrainer, course.id, section.id, "a.pdf", pdf)).status).toBe(404);
    // The route wrapper logs the refusal under the route's name, with the course as the object.
    const denied = await db().auditEvent.findFirstOrThrow({ where: { action: "access.denied", actorId: otherTrainer.userId, entityId: course.id } });
    expect(denied.data).toMatchObject({ via: "action", target: "files.upload", code: "NOT_FOUND" });
    expect((await upload(otherAdmin, course.id, section.id, "a.pdf", pdf)).status).toBe(404);
    // Not enrolled, but the course is open to their unit (they see it in the catalogue): 403.
    expect((await upload(otherLearner, course.id, section.id, "a.pdf", pdf)).status).toBe(403);
    expect(await leftovers(course.id)).toEqual(CLEAN);
  });

  it("refuses a section of another course, a cross-site request and a form-encoded body", async () => {
    const { course, section, trainer } = await setup();
    const other = await makeCourse({ unitId: course.unitId, trainerIds: [trainer.userId] });
    const otherSection = await makeSection(other.id);
    const pdf = fixture("tai-lieu.pdf");
    expect((await upload(trainer, course.id, otherSection.id, "a.pdf", pdf)).status).toBe(404);
    expect((await upload(trainer, course.id, section.id, "a.pdf", pdf, { headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect((await upload(trainer, course.id, section.id, "a.pdf", pdf, { headers: { "content-type": "multipart/form-data; boundary=x" } })).status).toBe(415);
    expect(await leftovers(course.id)).toEqual(CLEAN);
    expect(await leftovers(other.id)).toEqual(CLEAN);
  });
});

describe("serving course files", () => {
  /** A READY video of 1 MiB (WebM header + random bytes) uploaded by the trainer. */
  async function withVideo(status: "PUBLISHED" | "DRAFT" = "PUBLISHED") {
    const s = await setup(status);
    const bytes = Buffer.concat([fixture("bai-giang.webm"), randomBytes(1024 * 1024)]);
    const res = await upload(s.trainer, s.course.id, s.section.id, "Quy trình một cửa – phần 1.webm", bytes);
    expect(res.status).toBe(201);
    return { ...s, bytes, fileId: res.json.file!.id };
  }
  const body = async (res: Response) => Buffer.from(await res.arrayBuffer());

  it("streams the whole file and any range to an enrolled learner, with the headers a player needs", async () => {
    const { learner, fileId, bytes } = await withVideo();
    const size = bytes.length;
    const full = await get(learner, fileId);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("video/webm");
    expect(full.headers.get("content-length")).toBe(String(size));
    expect(full.headers.get("accept-ranges")).toBe("bytes");
    expect(full.headers.get("x-content-type-options")).toBe("nosniff");
    expect(full.headers.get("cache-control")).toMatch(/^private/);
    expect(full.headers.get("content-disposition")).toBe(
      `inline; filename="Quy trinh mot cua _ phan 1.webm"; filename*=UTF-8''Quy%20tr%C3%ACnh%20m%E1%BB%99t%20c%E1%BB%ADa%20%E2%80%93%20ph%E1%BA%A7n%201.webm`,
    );
    expect((await body(full)).equals(bytes)).toBe(true);

    for (const [header, start, end] of [
      ["bytes=0-", 0, size - 1],
      ["bytes=0-0", 0, 0],
      ["bytes=1000-1999", 1000, 1999],
      ["bytes=-500", size - 500, size - 1],
      [`bytes=${size - 10}-${size + 1000}`, size - 10, size - 1],
    ] as const) {
      const res = await get(learner, fileId, { range: header });
      expect(res.status, header).toBe(206);
      expect(res.headers.get("content-range")).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers.get("content-length")).toBe(String(end - start + 1));
      expect((await body(res)).equals(bytes.subarray(start, end + 1)), header).toBe(true);
    }
    for (const header of [`bytes=${size}-`, "bytes=100-50", "bytes=-0"]) {
      const res = await get(learner, fileId, { range: header });
      expect(res.status, header).toBe(416);
      expect(res.headers.get("content-range")).toBe(`bytes */${size}`);
    }
    // If-Range with our ETag honours the range; a stale validator gets the whole file.
    const etag = full.headers.get("etag")!;
    expect((await get(learner, fileId, { range: "bytes=0-9", "if-range": etag })).status).toBe(206);
    expect((await get(learner, fileId, { range: "bytes=0-9", "if-range": '"old"' })).status).toBe(200);
    expect((await get(learner, fileId, { "if-none-match": etag })).status).toBe(304);
    const head = await get(learner, fileId, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(size));
    expect(head.body).toBeNull();
  });

  it("serves PDF inline and office files as downloads with the UTF-8 name", async () => {
    const { course, section, trainer, learner } = await setup();
    const pdf = await upload(trainer, course.id, section.id, "Hướng dẫn.pdf", fixture("tai-lieu.pdf"));
    const docx = await upload(trainer, course.id, section.id, "Mẫu.docx", fixture("tai-lieu.docx"));
    const a = await get(learner, pdf.json.file!.id);
    expect(a.headers.get("content-type")).toBe("application/pdf");
    expect(a.headers.get("content-disposition")).toMatch(/^inline; filename="Huong dan.pdf"; filename\*=UTF-8''H%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn.pdf$/);
    const b = await get(learner, docx.json.file!.id);
    expect(b.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect((await body(b)).equals(fixture("tai-lieu.docx"))).toBe(true);
  });

  it("answers 404 to everyone who may not study the course, as for a file that does not exist", async () => {
    const { fileId, trainer, otherLearner, otherTrainer, otherAdmin } = await withVideo();
    expect((await get(trainer, fileId)).status).toBe(200);
    for (const [who, viewer] of [["learner not enrolled", otherLearner], ["trainer of another course", otherTrainer], ["admin of another unit", otherAdmin]] as const) {
      expect(await codeOf(get(viewer, fileId)), who).toBe("NOT_FOUND");
    }
    expect(await codeOf(get(trainer, "00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");
    expect(await codeOf(get(trainer, "not-a-uuid"))).toBe("NOT_FOUND");
  });

  it("answers 404 to an enrolled learner of a draft course, and for a file still uploading", async () => {
    const { fileId, learner, course, trainer } = await withVideo("DRAFT");
    expect(await codeOf(get(learner, fileId))).toBe("NOT_FOUND");
    expect((await get(trainer, fileId)).status).toBe(200);
    const uploading = await db().storedFile.create({
      data: { courseId: course.id, storageKey: `courses/${course.id}/00000000-0000-4000-8000-000000000001`, originalName: "x.pdf", mimeType: "application/pdf" },
    });
    expect(await codeOf(get(trainer, uploading.id))).toBe("NOT_FOUND");
    await db().storedFile.delete({ where: { id: uploading.id } });
  });

  it("stops reading storage when the client leaves mid-download", async () => {
    const { learner, fileId } = await withVideo();
    const res = await get(learner, fileId);
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    // Nothing to assert on the file handle directly; reading again must not hang or throw.
    expect((await get(learner, fileId, { range: "bytes=0-0" })).status).toBe(206);
  });
});

describe("sweeping abandoned uploads", () => {
  it("removes an old UPLOADING row with its object and an old object without a row, and keeps the rest", async () => {
    const { course, section, trainer } = await setup();
    const ok = await upload(trainer, course.id, section.id, "giu-lai.pdf", fixture("tai-lieu.pdf"));
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    const key = (n: string) => `courses/${course.id}/00000000-0000-4000-8000-0000000000${n}`;
    const put = async (k: string, old: boolean) => {
      await store.put(k, Readable.from([Buffer.from("%PDF-1.4 partial")]), { contentType: "application/pdf", maxBytes: 100 });
      if (old) utimesSync(path.join(root, ...k.split("/")), twoHoursAgo, twoHoursAgo);
    };
    await put(key("aa"), true); // a crash two hours ago: its row is still UPLOADING
    await put(key("bb"), true); // an object whose row is gone
    await put(key("cc"), false); // a recent object without a row (left alone for now)
    await put(key("dd"), true); // a long upload still running: recent row, old object
    const stale = await db().storedFile.create({
      data: { courseId: course.id, storageKey: key("aa"), originalName: "x.mp4", mimeType: "video/mp4", createdAt: twoHoursAgo, touchedAt: twoHoursAgo },
    });
    const running = await db().storedFile.create({ data: { courseId: course.id, storageKey: key("dd"), originalName: "y.mp4", mimeType: "video/mp4" } });

    const result = await sweepAbandonedUploads({ store });
    expect(result.rows).toBeGreaterThanOrEqual(1);
    expect(result.objects).toBeGreaterThanOrEqual(1);
    expect(await db().storedFile.findUnique({ where: { id: stale.id } })).toBeNull();
    expect(await store.stat(key("aa"))).toBeNull();
    expect(await store.stat(key("bb"))).toBeNull();
    expect(await store.stat(key("cc"))).not.toBeNull();
    expect(await store.stat(key("dd"))).not.toBeNull();
    expect(await db().storedFile.findUnique({ where: { id: running.id } })).not.toBeNull();
    const ready = await db().storedFile.findUniqueOrThrow({ where: { id: ok.json.file!.id } });
    expect(ready.state).toBe("READY");
    expect(await store.stat(ready.storageKey)).not.toBeNull();
    await db().storedFile.delete({ where: { id: running.id } });
  });

  it("never removes an upload still streaming, however long ago it began; only one whose bytes stopped", async () => {
    const { course, section, trainer } = await setup();
    const head = fixture("bai-giang.webm");
    // A body the test feeds chunk by chunk: a slow link.
    let feed!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (feed = c) });
    const waitFor = async <T>(probe: () => Promise<T | null | undefined | false>): Promise<T> => {
      for (;;) {
        const v = await probe();
        if (v) return v;
        await new Promise((r) => setImmediate(r));
      }
    };
    feed.enqueue(new Uint8Array(Buffer.concat([head, randomBytes(300 * 1024)]))); // past the sniffed head
    const pending = upload(trainer, course.id, section.id, "Bài giảng dài.webm", body, { heartbeatMs: 0 });
    const row = await waitFor(() => db().storedFile.findFirst({ where: { courseId: course.id, state: "UPLOADING" } }));

    // It began two hours ago and is still sending: each chunk moves touchedAt forward.
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await db().storedFile.update({ where: { id: row.id }, data: { createdAt: twoHoursAgo, touchedAt: twoHoursAgo } });
    feed.enqueue(new Uint8Array(randomBytes(64 * 1024)));
    await waitFor(async () => (await db().storedFile.findUniqueOrThrow({ where: { id: row.id } })).touchedAt > twoHoursAgo);

    const swept = await sweepAbandonedUploads({ store });
    expect(await db().storedFile.findUnique({ where: { id: row.id } })).not.toBeNull();
    expect(swept.rows).toBe(0);

    feed.enqueue(new Uint8Array(randomBytes(64 * 1024)));
    feed.close();
    const done = await pending;
    expect(done.status, done.json.error).toBe(201);
    const ready = await db().storedFile.findUniqueOrThrow({ where: { id: row.id } });
    expect(ready.state).toBe("READY");
    expect(Number(ready.size)).toBe(head.length + 300 * 1024 + 2 * 64 * 1024);
    expect(await store.stat(ready.storageKey)).not.toBeNull();

    // The same row idle for two hours (no byte since) is what the sweep is for.
    const idle = await db().storedFile.create({
      data: { courseId: course.id, storageKey: `courses/${course.id}/00000000-0000-4000-8000-0000000000ee`, originalName: "z.webm", mimeType: "video/webm", createdAt: twoHoursAgo, touchedAt: twoHoursAgo },
    });
    await sweepAbandonedUploads({ store });
    expect(await db().storedFile.findUnique({ where: { id: idle.id } })).toBeNull();
  });
});
