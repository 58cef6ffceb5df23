import { AppError } from "@/lib/errors";

/** A save holds at most the attempt's answers; essays are the large part (50,000 characters each). */
const MAX_BODY = 2 * 1024 * 1024;

/**
 * The JSON body of an attempt request (lib/quizzes/attempts routes); `undefined` for an empty body
 * when `optional` (a submit without last answers).
 */
export async function readAttemptJson(request: Request, opts: { optional?: boolean } = {}): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY) throw new AppError("TOO_LARGE", "quizAttempt.invalidAnswers");
  const text = await request.text().catch(() => {
    throw new AppError("INTERRUPTED", "quizAttempt.invalidAnswers");
  });
  if (text.length > MAX_BODY) throw new AppError("TOO_LARGE", "quizAttempt.invalidAnswers");
  if (text.trim() === "" && opts.optional) return undefined;
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json") throw new AppError("UNSUPPORTED_MEDIA", "quizAttempt.invalidAnswers");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("VALIDATION", "quizAttempt.invalidAnswers");
  }
}
