import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** An optional text setting: unset and blank are the same. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/** A whole number of megabytes; unset or blank → the default. */
const megabytes = (fallback: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.coerce.number().int().positive().max(100_000).default(fallback));

/** Configuration, validated once. A bad value stops the server at boot with a clear message. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
  /** postgresql://… for a PostgreSQL server; unset for the embedded database (lib/db/config.ts). */
  DATABASE_URL: z.string().optional(),
  /** Set to 1 behind a reverse proxy that overwrites X-Forwarded-For. */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  /**
   * smtp://user:pass@host:587 or smtps://…:465 (nodemailer options may follow as ?query). Unset or
   * empty: mail stays in the outbox page (demo mode, docs/decisions/021).
   */
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .pipe(z.string().regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must start with smtp:// or smtps://").optional()),
  /** The sender of every mail, e.g. "Tập huấn CCHC <taphuan@snv.phuyen.gov.vn>"; required with SMTP_URL. */
  MAIL_FROM: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
  /** Course files in a local folder (lib/storage/local.ts); default `<cwd>/.data/files`, beside the embedded database. */
  TAPHUAN_FILES_DIR: optionalText,
  /** Upload limits in megabytes (MiB): documents (PDF, DOCX, PPTX, XLSX) and videos (MP4, WebM). */
  TAPHUAN_MAX_DOC_MB: megabytes(50),
  TAPHUAN_MAX_VIDEO_MB: megabytes(1024),
  /** S3-compatible object storage instead of the local folder when S3_BUCKET is set (docs/decisions/061). */
  S3_BUCKET: optionalText,
  /** e.g. https://s3.example.vn; unset for AWS itself. */
  S3_ENDPOINT: optionalText.pipe(z.url("S3_ENDPOINT must be a URL").optional()),
  S3_REGION: optionalText.transform((v) => v ?? "us-east-1"),
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  /** 1 for MinIO and most self-hosted servers (https://host/bucket/key rather than https://bucket.host/key). */
  S3_FORCE_PATH_STYLE: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof schema>;

/**
 * The session secret of a development or test installation: 32 random bytes in
 * `<data dir>/../nextauth-secret` (the file `npm run demo` keeps), created on first use. Created
 * under a temporary name and linked into place, so parallel processes (test workers) all read the
 * same complete value. docs/decisions/023.
 */
export function localSecret(raw: Readonly<Record<string, string | undefined>>): string {
  const dataDir = path.resolve(raw.TAPHUAN_DATA_DIR?.trim() || path.join(process.cwd(), ".data", "pglite"));
  const file = path.join(path.dirname(dataDir), "nextauth-secret");
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}`;
  writeFileSync(temp, randomBytes(32).toString("hex"), { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    unlinkSync(temp);
  }
  return readFileSync(file, "utf8").trim();
}
let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const raw = { ...process.env };
  if (!raw.NEXTAUTH_SECRET?.trim() && raw.NODE_ENV !== "production") {
    // Development and tests: a random secret kept beside the data, never one written in the code.
    // Production must configure its own (the schema refuses to start without it).
    raw.NEXTAUTH_SECRET = localSecret(raw);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
