import type { Readable } from "node:stream";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { storage, StorageNotFoundError, type ByteRange, type FileStorage } from "@/lib/storage";
import { assertStudyCourse } from "./access";
import { ALLOWED_TYPES, type AllowedType } from "./file-types";

/* Reading a course file: who may, and its bytes. The HTTP side (ranges, caching) is lib/http/course-files.ts. */

export type CourseFile = {
  id: string;
  storageKey: string;
  originalName: string;
  size: number;
  createdAt: Date;
  /** The accepted type it was stored as; null for a type no longer accepted (served as a download). */
  type: AllowedType | null;
};

/**
 * A READY file of a course the viewer may study (enrolled learners of a course that is not a
 * draft, its trainers and staff); NOT_FOUND for anyone else, as for a file that does not exist.
 */
export async function courseFileForStudy(viewer: Viewer, fileId: string): Promise<CourseFile> {
  if (!z.uuid().safeParse(fileId).success) throw notFound();
  const file = await db().storedFile.findUnique({
    where: { id: fileId },
    select: { id: true, courseId: true, storageKey: true, originalName: true, mimeType: true, size: true, state: true, createdAt: true },
  });
  // A question bank's image (courseId null) is served by the quiz pages' own rule, not here.
  if (!file || file.state !== "READY" || file.courseId === null) throw notFound();
  await assertStudyCourse(viewer, file.courseId);
  return {
    id: file.id,
    storageKey: file.storageKey,
    originalName: file.originalName,
    size: Number(file.size),
    createdAt: file.createdAt,
    type: ALLOWED_TYPES[file.mimeType] ?? null,
  };
}

/** A stored file's bytes (or one range of them), streamed from storage; NOT_FOUND if its object is gone. A bank image's too. */
export async function openCourseFile(file: Pick<CourseFile, "id" | "storageKey">, range: ByteRange | undefined, store: FileStorage = storage()): Promise<Readable> {
  try {
    return (await store.get(file.storageKey, range)).stream;
  } catch (e) {
    if (e instanceof StorageNotFoundError) {
      console.error("files: a READY file has no stored object", file.id, file.storageKey);
      throw notFound();
    }
    throw e;
  }
}
