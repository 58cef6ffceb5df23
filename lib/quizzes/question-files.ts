import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { sniffType } from "@/lib/courses/file-types";
import { receiveUpload, type UploadBody, type UploadOptions } from "@/lib/courses/upload";
import { db, transaction } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { newStorageKey } from "@/lib/storage";
import { assertEditBank, bankAccess } from "./bank-access";
import { unsafeBankUnit } from "./banks/commands";

/*
 * Images in questions (docs/decisions/080-quizzes.md): StoredFile rows of a question bank
 * (`bankId`, courseId null), uploaded through the same pipeline as course files
 * (lib/courses/upload.ts) and served at `/api/question-files/<id>`, the one image source a
 * question text keeps (lib/quizzes/render.ts). The HTTP side is lib/http/question-files.ts.
 */

/** The image types a question may show, by their detected (magic-byte) MIME type. SVG never (it can carry script). */
export const QUESTION_IMAGE_TYPES: Readonly<Record<string, { mime: string; ext: string }>> = Object.freeze({
  "image/png": { mime: "image/png", ext: "png" },
  "image/jpeg": { mime: "image/jpeg", ext: "jpg" },
  "image/gif": { mime: "image/gif", ext: "gif" },
  "image/webp": { mime: "image/webp", ext: "webp" },
});

export const QUESTION_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/** The address a question text uses for an image. */
export function questionFileUrl(fileId: string): string {
  return `/api/question-files/${fileId}`;
}

export type BankImage = { id: string; url: string; name: string; mimeType: string; size: number };

/**
 * One image into a bank the viewer edits (assertEditBank: NOT_FOUND unseen, FORBIDDEN read-only):
 * PNG, JPEG, GIF or WebP by content, at most 5 MB (413 / 415 before anything is kept). The row is
 * READY only once the whole file is stored.
 */
export async function uploadBankImage(
  viewer: Viewer,
  bankId: string,
  input: { name: string },
  body: UploadBody,
  options: Pick<UploadOptions, "store" | "heartbeatMs"> & { maxBytes?: number } = {},
): Promise<BankImage> {
  if (!z.uuid().safeParse(bankId).success) throw notFound();
  const access = await assertEditBank(viewer, bankId);
  const unitId = await unsafeBankUnit(access.bank);
  const maxBytes = options.maxBytes ?? QUESTION_IMAGE_MAX_BYTES;
  let mimeType = "";
  return receiveUpload(
    viewer,
    {
      owner: { bankId },
      storageKey: newStorageKey(bankId, "banks"),
      name: input.name,
      maxBytes,
      unsupportedKey: "questionEditor.image.unsupported",
      sniff: async (head) => {
        const found = await sniffType(head);
        const type = found ? QUESTION_IMAGE_TYPES[found.mime] : undefined;
        if (!type) return null;
        mimeType = type.mime;
        return { mime: type.mime, maxBytes };
      },
      finish: async ({ fileId, size, markReady }) => {
        await transaction(async (tx) => {
          await markReady({ mimeType });
          await recordAudit(tx, {
            actorId: viewer.userId,
            action: "bank.image.upload",
            entity: "QuestionBank",
            entityId: bankId,
            unitId,
            data: { after: { fileId, originalName: input.name, mimeType, size } },
          });
        });
        return { id: fileId, url: questionFileUrl(fileId), name: input.name, mimeType, size };
      },
    },
    body,
    options,
  );
}

export type QuestionFile = { id: string; storageKey: string; originalName: string; mimeType: string; size: number; createdAt: Date };

/**
 * A READY bank image for a viewer who may see it: whoever may see the bank (bankAccess), or a
 * learner whose own attempt holds a question version of that bank showing the image (its text,
 * general feedback or data names the file's address; the version the attempt was given or the one
 * it was regraded with). NOT_FOUND for everyone else, as for a file that does not exist.
 */
export async function questionFileForViewer(viewer: Viewer, fileId: string): Promise<QuestionFile> {
  if (!z.uuid().safeParse(fileId).success) throw notFound();
  const file = await db().storedFile.findUnique({
    where: { id: fileId },
    select: { id: true, bankId: true, storageKey: true, originalName: true, mimeType: true, size: true, state: true, createdAt: true },
  });
  if (!file || file.state !== "READY" || file.bankId === null || !QUESTION_IMAGE_TYPES[file.mimeType]) throw notFound();
  const served: QuestionFile = { id: file.id, storageKey: file.storageKey, originalName: file.originalName, mimeType: file.mimeType, size: Number(file.size), createdAt: file.createdAt };
  try {
    await bankAccess(viewer, file.bankId);
    return served;
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "NOT_FOUND") throw e;
  }
  const url = questionFileUrl(file.id);
  const [row] = await db().$queryRaw<{ shown: boolean }[]>`
    SELECT EXISTS (
      SELECT 1
      FROM "QuizAttempt" a
      JOIN "AttemptQuestion" aq ON aq."attemptId" = a."id"
      JOIN "QuestionVersion" v ON v."id" = aq."versionId" OR v."id" = aq."markedVersionId"
      JOIN "Question" q ON q."id" = v."questionId"
      WHERE a."userId" = ${viewer.userId}::uuid
        AND q."bankId" = ${file.bankId}::uuid
        AND (strpos(v."text", ${url}) > 0 OR strpos(v."generalFeedback", ${url}) > 0 OR strpos(v."data"::text, ${url}) > 0)
    ) AS "shown"`;
  if (!row?.shown) throw notFound();
  return served;
}
