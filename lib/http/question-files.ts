import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { fileNameText, type UploadOptions } from "@/lib/courses/upload";
import { openCourseFile } from "@/lib/courses/file-access";
import { questionFileForViewer, uploadBankImage } from "@/lib/quizzes/question-files";
import type { FileStorage } from "@/lib/storage";
import { storedFileResponse, uploadRequest } from "./course-files";
import { NO_STORE } from "./route";

/*
 * Question images as HTTP exchanges (app/api/banks/[bankId]/files, app/api/question-files/[id]),
 * the same exchanges as course files (lib/http/course-files.ts); the rules are
 * lib/quizzes/question-files.ts'.
 */

const imageInput = z.object({ name: fileNameText });

/** `POST ?name=` with the image's bytes (application/octet-stream) → 201 `{ id, url, name, mimeType, size }`. */
export async function bankImageUploadResponse(viewer: Viewer, bankId: string, request: Request, options: Pick<UploadOptions, "store" | "heartbeatMs"> & { maxBytes?: number } = {}): Promise<Response> {
  const { input, body } = uploadRequest(request, imageInput);
  const image = await uploadBankImage(viewer, bankId, input, body, options);
  return Response.json(image, { status: 201, headers: NO_STORE });
}

/** GET/HEAD one question image for a viewer who may see it (404 for anyone else), inline, cached privately. */
export async function questionFileResponse(viewer: Viewer, fileId: string, request: Request, options: { store?: FileStorage } = {}): Promise<Response> {
  const file = await questionFileForViewer(viewer, fileId);
  return storedFileResponse({ ...file, disposition: "inline" }, request, (range) => openCourseFile(file, range, options.store));
}
