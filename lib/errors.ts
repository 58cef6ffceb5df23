import type { MessageKey } from "@/lib/i18n/messages";

/** The one error shape of the domain. `messageKey` is translated where the error is shown. */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "RATE_LIMITED"
  /** The request could not be read to its end: the connection dropped, the body was cut. */
  | "INTERRUPTED"
  /** A body over the limit, whether announced in Content-Length or found while reading. */
  | "TOO_LARGE"
  /** A body of a type we do not take (by its declared Content-Type or by its content). */
  | "UNSUPPORTED_MEDIA"
  /** A quiz attempt no longer takes answers: its time (with the grace) is up, or it was submitted. */
  | "ATTEMPT_CLOSED";

/** The one mapping from codes to HTTP statuses (route handlers: lib/http/route.ts). */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = Object.freeze({
  INTERRUPTED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ATTEMPT_CLOSED: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  VALIDATION: 422,
  RATE_LIMITED: 429,
});

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: MessageKey;
  /** Form field the error belongs to, when it is about one input. */
  readonly field?: string;
  readonly params?: Record<string, string | number>;

  constructor(
    code: ErrorCode,
    messageKey: MessageKey,
    opts: { field?: string; params?: Record<string, string | number> } = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = "AppError";
    this.code = code;
    this.messageKey = messageKey;
    this.field = opts.field;
    this.params = opts.params;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = () => new AppError("NOT_FOUND", "errors.notFound");
export const forbidden = () => new AppError("FORBIDDEN", "errors.forbidden");

/** Prisma unique-constraint violation (P2002); in Prisma 7 with driver adapters the constraint is in meta.driverAdapterError. */
export function isUniqueViolation(e: unknown, column?: string): boolean {
  if (typeof e !== "object" || e === null || (e as { code?: unknown }).code !== "P2002") return false;
  if (!column) return true;
  return JSON.stringify((e as { meta?: unknown }).meta ?? {}).includes(column);
}
