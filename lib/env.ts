import { z } from "zod";

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
});

export type Env = z.infer<typeof schema>;
let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const raw = { ...process.env };
  if (!raw.NEXTAUTH_SECRET && raw.NODE_ENV !== "production") {
    // Development and tests only; production must configure its own secret.
    raw.NEXTAUTH_SECRET = "taphuan-development-secret-not-for-production-use";
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
