// Test-only helpers: how a call to a lib/ function ended, for assertions on refusals.
import { AppError } from "@/lib/errors";

/** "OK", or the code of the AppError the call ended with; any other error fails the test. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

/** The AppError a call rejected with (fails the test when it resolved or threw something else). */
export async function appError(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}
