import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { sweepAbandonedUploads } from "@/lib/courses/upload-sweep";
import { db } from "@/lib/db";
import { bankImageUploadResponse, questionFileResponse } from "@/lib/http/question-files";
import { handleRoute } from "@/lib/http/route";
import { questionFileForViewer, uploadBankImage } from "@/lib/quizzes/question-files";
import { LocalStorage } from "@/lib/storage/local";
import { makeCourse, makeEnrolment } from "@/lib/testing/course-factories";
import { codeOf } from "@/lib/testing/errors";
import { makeProvince, makeUser, makeViewer } from "@/lib/testing/factories";
import { choiceDraft, makeBank, makeQuestion, makeQuiz } from "@/lib/testing/quiz-factories";
import { asViewer } from "@/lib/testing/routes";

const root = mkdtempSync(path.join(tmpdir(), "taphuan-question-files-it-"));
const store = new LocalStorage(root);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HOST = "taphuan.test";
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/files");
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "binary"), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

/** A province with its bank and its editor, a course with a quiz, a learner, people outside. */
async function scene() {
  const p = await makeProvince();
  const other = await makeProvince();
  const admin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
  const { bank: provinceBank } = await makeBank({ unitId: p.province.id });
  const trainerUser = await makeUser({ unitId: p.agency.id, grants: [{ role: "TRAINER", unitId: p.agency.id }] });
  const trainer = (await loadViewer(trainerUser.id))!;
  const course = await makeCourse({ unitId: p.agency.id, trainerIds: [trainerUser.id], status: "PUBLISHED" });
  const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
  const classmate = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);
  const unitAdmin = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
  const outsider = await makeViewer(other.agency.id, [{ role: "PROVINCE_ADMIN", unitId: other.province.id }]);
  return { p, admin, provinceBank, trainer, course, learner, classmate, unitAdmin, outsider };
}

type Body = Buffer | ReadableStream<Uint8Array>;
function uploadRequest(bankId: string, name: string, body: Body, headers: Record<string, string> = {}) {
  return new Request(`http://${HOST}/api/banks/${bankId}/files?${new URLSearchParams({ name })}`, {
    method: "POST",
    headers: {
      host: HOST,
      origin: `http://${HOST}`,
      "content-type": "application/octet-stream",
      ...(Buffer.isBuffer(body) ? { "content-length": String(body.length) } : {}),
      ...headers,
    },
    body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
    // @ts-expect-error Node's fetch needs duplex for a stream body
    duplex: "half",
  });
}

/** The upload route as the app runs it: the route wrapper around the upload exchange. */
async function upload(viewer: Viewer, bankId: string, name: string, body: Body, headers: Record<string, string> = {}) {
  const res = await handleRoute(
    uploadRequest(bankId, name, body, headers),
    { bankId },
    { name: "bank.image.upload" },
    (ctx) => bankImageUploadResponse(ctx.viewer, ctx.params.bankId, ctx.request, { store }),
    asViewer(viewer),
  );
  const json = (await res.json()) as { id?: string; url?: string; mimeType?: string; size?: number; error?: { code: string; message: string } };
  return { status: res.status, json };
}

function get(viewer: Viewer, fileId: string, headers: Record<string, string> = {}) {
  return handleRoute(
    new Request(`http://${HOST}/api/question-files/${fileId}`, { headers: { host: HOST, ...headers } }),
    { id: fileId },
    { name: "bank.image.serve", access: "optional" },
    (ctx) => questionFileResponse(ctx.viewer!, ctx.params.id, ctx.request, { store }),
    asViewer(viewer),
  );
}

async function leftovers(bankId: string) {
  const objects: string[] = [];
  for await (const o of store.list(`banks/${bankId}/`)) objects.push(o.key);
  return { files: await db().storedFile.count({ where: { bankId } }), objects: objects.length, temp: readdirSync(path.join(root, ".tmp")).length };
}
const CLEAN = { files: 0, objects: 0, temp: 0 };

/** A stream that sends `total` bytes after `head`, in 64 KB chunks, without announcing a length. */
function streamOf(head: Buffer, total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= total) return c.close();
      const chunk = sent === 0 ? head : Buffer.alloc(64 * 1024, 1);
      sent += chunk.length;
      c.enqueue(new Uint8Array(chunk));
    },
  });
}

/** An attempt of `learner` at a quiz whose question shows `html`, written as the engine writes it. */
async function attemptShowing(courseId: string, learner: Viewer, html: string) {
  const draft = { ...choiceDraft("Câu có hình"), text: html };
  const { quiz, questions, bank, category } = await makeQuiz({ courseId, drafts: [draft] });
  const enrolment = await makeEnrolment({ userId: learner.userId, courseId });
  const attempt = await db().quizAttempt.create({
    data: { quizId: quiz.id, userId: learner.userId, enrolmentId: enrolment.id, unitId: learner.unitId, number: 1, openKey: `${quiz.id}:${learner.userId}`, maxScore: 1 },
  });
  await db().attemptQuestion.create({ data: { attemptId: attempt.id, position: 1, versionId: questions[0]!.versions[0]!.id, maxMark: 1, order: ["o1", "o2", "o3"] } });
  return { quiz, bank, category, attempt };
}

describe("uploading question images", () => {
  it("stores PNG, JPEG and GIF by content under the bank, READY, and answers the address a question uses", async () => {
    const s = await scene();
    for (const [name, bytes, mime] of [
      ["so-do.png", PNG, "image/png"],
      ["anh.jpg", JPEG, "image/jpeg"],
      ["hinh-dong.gif", GIF, "image/gif"],
    ] as const) {
      const { status, json } = await upload(s.admin, s.provinceBank.id, name, bytes);
      expect(status, json.error?.message).toBe(201);
      expect(json.url).toBe(`/api/question-files/${json.id}`);
      expect(json.mimeType).toBe(mime);
      const row = await db().storedFile.findUniqueOrThrow({ where: { id: json.id! } });
      expect(row).toMatchObject({ bankId: s.provinceBank.id, courseId: null, state: "READY", mimeType: mime, originalName: name, uploadedById: s.admin.userId });
      expect(Number(row.size)).toBe(bytes.length);
      expect(row.storageKey.startsWith(`banks/${s.provinceBank.id}/`)).toBe(true);
    }
    expect(await db().auditEvent.count({ where: { action: "bank.image.upload", entityId: s.provinceBank.id } })).toBe(3);
  });

  it("refuses what is not an image by content (a PDF, an SVG with a script, a PDF named .png): 415, nothing kept", async () => {
    const s = await scene();
    for (const [name, bytes] of [
      ["tai-lieu.pdf", readFileSync(path.join(FIXTURES, "tai-lieu.pdf"))],
      ["hinh.svg", SVG],
      ["gia-mao.png", readFileSync(path.join(FIXTURES, "tai-lieu.pdf"))],
    ] as const) {
      const { status, json } = await upload(s.admin, s.provinceBank.id, name, bytes);
      expect(status).toBe(415);
      expect(json.error?.code).toBe("UNSUPPORTED_MEDIA");
      expect(json.error?.message).toContain("PNG");
    }
    expect(await leftovers(s.provinceBank.id)).toEqual(CLEAN);
  });

  it("refuses more than 5 MB, announced or streamed (413), keeping nothing", async () => {
    const s = await scene();
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const announced = await upload(s.admin, s.provinceBank.id, "lon.png", big);
    expect(announced.status).toBe(413);
    expect(announced.json.error?.message).toContain("5");
    const streamed = await upload(s.admin, s.provinceBank.id, "lon.png", streamOf(PNG, 6 * 1024 * 1024));
    expect(streamed.status).toBe(413);
    expect(await leftovers(s.provinceBank.id)).toEqual(CLEAN);
    // Exactly 5 MB is accepted.
    const edge = await upload(s.admin, s.provinceBank.id, "vua.png", Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 - PNG.length)]));
    expect(edge.status, edge.json.error?.message).toBe(201);
  });

  it("lets only the bank's editors upload: a course trainer, a learner, another province and a forged bank 404", async () => {
    const s = await scene();
    expect((await upload(s.trainer, s.provinceBank.id, "a.png", PNG)).status).toBe(404);
    expect((await upload(s.outsider, s.provinceBank.id, "a.png", PNG)).status).toBe(404);
    expect((await upload(s.learner, s.provinceBank.id, "a.png", PNG)).status).toBe(404);
    expect((await upload(s.admin, "00000000-0000-4000-8000-000000000000", "a.png", PNG)).status).toBe(404);
    expect(await codeOf(uploadBankImage(s.admin, "khong-phai-uuid", { name: "a.png" }, { stream: null, declaredSize: null }, { store }))).toBe("NOT_FOUND");
    expect(await leftovers(s.provinceBank.id)).toEqual(CLEAN);
    // The course's own bank: its trainer uploads there.
    const { bank: courseBank } = await makeBank({ courseId: s.course.id });
    expect((await upload(s.trainer, courseBank.id, "a.png", PNG)).status).toBe(201);
  });

  it("refuses a cross-site request and a form-encoded body", async () => {
    const s = await scene();
    expect((await upload(s.admin, s.provinceBank.id, "a.png", PNG, { origin: "https://evil.example" })).status).toBe(403);
    expect((await upload(s.admin, s.provinceBank.id, "a.png", PNG, { "content-type": "multipart/form-data; boundary=x" })).status).toBe(415);
    expect(await leftovers(s.provinceBank.id)).toEqual(CLEAN);
  });
});

describe("serving question images", () => {
  it("serves the bank's editors and viewers, inline, privately cached, with its type", async () => {
    const s = await scene();
    const { json } = await upload(s.admin, s.provinceBank.id, "so-do.png", PNG);
    const res = await get(s.admin, json.id!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toMatch(/^private/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toMatch(/^inline/);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    const again = await get(s.admin, json.id!, { "if-none-match": res.headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  it("answers 404 to another province, a unit admin and learners without an attempt showing it, and for forged ids", async () => {
    const s = await scene();
    const { json } = await upload(s.admin, s.provinceBank.id, "so-do.png", PNG);
    for (const viewer of [s.outsider, s.unitAdmin, s.learner, s.trainer]) {
      expect((await get(viewer, json.id!)).status).toBe(404);
      expect(await codeOf(questionFileForViewer(viewer, json.id!))).toBe("NOT_FOUND");
    }
    expect(await codeOf(questionFileForViewer(s.admin, "00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");
    expect(await codeOf(questionFileForViewer(s.admin, "x"))).toBe("NOT_FOUND");
    // A course file is not served as a question image.
    const courseFile = await db().storedFile.create({ data: { courseId: s.course.id, storageKey: `courses/${s.course.id}/x-${json.id}`, originalName: "a.png", mimeType: "image/png", state: "READY" } });
    expect(await codeOf(questionFileForViewer(s.admin, courseFile.id))).toBe("NOT_FOUND");
  });

  it("serves a learner whose own attempt shows the image, and no one else in the class", async () => {
    const s = await scene();
    const { bank, category, attempt } = await attemptShowing(s.course.id, s.learner, "<p>Xem hình</p>");
    const { json } = await upload(s.trainer, bank.id, "so-do.png", PNG);
    // Not in the question the attempt holds yet: refused.
    expect((await get(s.learner, json.id!)).status).toBe(404);

    // The question of the learner's attempt shows the image (the version the attempt holds).
    const aq = await db().attemptQuestion.findFirstOrThrow({ where: { attemptId: attempt.id } });
    await db().questionVersion.update({ where: { id: aq.versionId }, data: { text: `<p>Xem hình</p><img src="${json.url}" alt="Sơ đồ">` } });
    const res = await get(s.learner, json.id!);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);

    // A classmate enrolled in the same course, without an attempt: 404. With an attempt at another question: 404.
    await makeEnrolment({ userId: s.classmate.userId, courseId: s.course.id });
    expect((await get(s.classmate, json.id!)).status).toBe(404);
    const mine = await db().quizAttempt.create({
      data: { quizId: attempt.quizId, userId: s.classmate.userId, enrolmentId: (await db().enrolment.findFirstOrThrow({ where: { userId: s.classmate.userId } })).id, unitId: s.classmate.unitId, number: 1, maxScore: 1 },
    });
    const otherQuestion = await makeQuestion({ bankId: bank.id, categoryId: category.id, draft: choiceDraft("Câu khác") });
    await db().attemptQuestion.create({ data: { attemptId: mine.id, position: 1, versionId: otherQuestion.versions[0]!.id, maxMark: 1 } });
    expect((await get(s.classmate, json.id!)).status).toBe(404);
  });

  it("serves an image named in an option (the version's data) and refuses one of another bank named in the text", async () => {
    const s = await scene();
    const { json: provinceImage } = await upload(s.admin, s.provinceBank.id, "tinh.png", PNG);
    const html = `<p>Câu</p><img src="${provinceImage.url}" alt="">`;
    const { bank, attempt } = await attemptShowing(s.course.id, s.learner, html);
    // The question is in the course's bank: the province's image named there does not open for the learner.
    expect((await get(s.learner, provinceImage.id!)).status).toBe(404);

    const { json: own } = await upload(s.trainer, bank.id, "phuong-an.gif", GIF);
    const aq = await db().attemptQuestion.findFirstOrThrow({ where: { attemptId: attempt.id } });
    const version = await db().questionVersion.findUniqueOrThrow({ where: { id: aq.versionId } });
    const data = version.data as { options: { text: { text: string } }[] };
    data.options[1]!.text.text = `<img src="${own.url}" alt="Phương án B">`;
    await db().questionVersion.update({ where: { id: version.id }, data: { data } });
    expect((await get(s.learner, own.id!)).status).toBe(200);
  });
});

describe("sweeping abandoned bank uploads", () => {
  it("removes an old UPLOADING bank image with its object and an old object under banks/ without a row", async () => {
    const s = await scene();
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    const key = (n: string) => `banks/${s.provinceBank.id}/00000000-0000-4000-8000-0000000000${n}`;
    const put = async (k: string) => {
      await store.put(k, Readable.from([PNG]), { contentType: "image/png", maxBytes: 1000 });
      utimesSync(path.join(root, ...k.split("/")), twoHoursAgo, twoHoursAgo);
    };
    await put(key("a1"));
    await put(key("b1"));
    const stale = await db().storedFile.create({
      data: { bankId: s.provinceBank.id, storageKey: key("a1"), originalName: "x.png", mimeType: "image/png", createdAt: twoHoursAgo, touchedAt: twoHoursAgo },
    });
    const { json: kept } = await upload(s.admin, s.provinceBank.id, "giu.png", PNG);

    await sweepAbandonedUploads({ store });
    expect(await db().storedFile.findUnique({ where: { id: stale.id } })).toBeNull();
    expect(await store.stat(key("a1"))).toBeNull();
    expect(await store.stat(key("b1"))).toBeNull();
    const ready = await db().storedFile.findUniqueOrThrow({ where: { id: kept.id! } });
    expect(await store.stat(ready.storageKey)).not.toBeNull();
  });
});
