import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import { Prisma, db, dbTarget, transaction, type PrismaClient } from "@/lib/db";
import { env } from "@/lib/env";
import { MAX_ATTEMPTS, nextAttemptAfter } from "./schedule";

/**
 * Delivers OutboxMail rows over SMTP (docs/decisions/021). Started by instrumentation.ts in the
 * server process when SMTP_URL is set; without it mail stays in the outbox page (demo mode).
 *
 * - Claiming: each mail is locked with `SELECT … FOR UPDATE SKIP LOCKED` in its own transaction,
 *   held while it is handed to the SMTP server and marked sent. A second server process skips
 *   locked rows, so two processes never send one mail at the same time; a crash between the SMTP
 *   server's "250 OK" and the commit can send a mail twice later (at least once, never lost).
 * - Retries: a failed mail is due again at `nextAttemptAt`, 1 min, 5 min, 15 min, … 12 h after
 *   the failure (lib/mail/schedule.ts; 8 attempts in all); `attempts` and `lastError` record each
 *   failure. A recipient the server refuses outright (5xx on RCPT TO) is not retried.
 * - The embedded database has one connection and one process (docs/decisions/002): there a mail
 *   is not locked across the network call (which would stall every request); the single sender
 *   loop of the single process is what prevents a double send.
 */

export type MailTransport = {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  close?(): void;
};

export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    ...parseConnectionUrl(url), // options in the URL's query win
  });
}

type Claimed = { id: string; to: string; subject: string; text: string; attempts: number };

export type DeliveryOptions = {
  transport: MailTransport;
  from: string;
  client?: PrismaClient;
  /** Stop after this many mails (sent or failed) in one call. */
  limit?: number;
  now?: () => Date;
  /** Tests only: restrict to these mails, so parallel test files do not deliver each other's. */
  onlyIds?: string[];
  /** Whether to lock rows across the SMTP call; defaults to true on PostgreSQL, false embedded. */
  locking?: boolean;
};

/** A short, secret-free description of a delivery error for `lastError`. */
function describe(e: unknown): { text: string; permanent: boolean } {
  const err = e as { code?: string; responseCode?: number; command?: string; message?: string };
  const code = [err.code, err.responseCode].filter(Boolean).join(" ");
  const text = `${code ? `${code}: ` : ""}${err.message ?? String(e)}`.replace(/\s+/g, " ").slice(0, 500);
  const permanent = typeof err.responseCode === "number" && err.responseCode >= 500 && err.command === "RCPT TO";
  return { text, permanent };
}

function dueQuery(now: Date, limitToIds: string[] | undefined, lock: boolean) {
  const only = limitToIds ? Prisma.sql`AND "id" = ANY(${limitToIds}::uuid[])` : Prisma.empty;
  const forUpdate = lock ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  return Prisma.sql`
    SELECT "id", "to", "subject", "text", "attempts" FROM "OutboxMail"
    WHERE "sentAt" IS NULL AND "attempts" < ${MAX_ATTEMPTS}
      AND "nextAttemptAt" <= ${now}
      ${only}
    ORDER BY "createdAt", "id"
    LIMIT 1
    ${forUpdate}`;
}

async function attempt(
  writer: Prisma.TransactionClient | PrismaClient,
  mail: Claimed,
  options: DeliveryOptions,
): Promise<"sent" | "failed"> {
  const now = options.now ?? (() => new Date());
  try {
    await options.transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
  } catch (e) {
    const { text, permanent } = describe(e);
    const attempts = permanent ? MAX_ATTEMPTS : mail.attempts + 1;
    const failedAt = now();
    await writer.outboxMail.update({
      where: { id: mail.id },
      // A mail given up keeps its last nextAttemptAt; `attempts` alone keeps it out of the queue.
      data: { attempts, lastError: text, nextAttemptAt: nextAttemptAfter(failedAt, attempts) ?? failedAt },
    });
    console.warn(`mail ${mail.id}: delivery attempt ${mail.attempts + 1} failed${permanent ? " permanently" : ""}: ${text}`);
    return "failed";
  }
  await writer.outboxMail.update({
    where: { id: mail.id },
    data: { sentAt: now(), attempts: mail.attempts + 1, lastError: null },
  });
  return "sent";
}

/** Delivers the mails that are due, one at a time, until none is left or `limit` is reached. */
export async function deliverDueMail(options: DeliveryOptions): Promise<{ sent: number; failed: number }> {
  const client = options.client ?? db();
  const now = options.now ?? (() => new Date());
  const locking = options.locking ?? dbTarget().kind === "postgres";
  const limit = options.limit ?? 100;
  const result = { sent: 0, failed: 0 };
  while (result.sent + result.failed < limit) {
    let outcome: "sent" | "failed" | "none";
    if (locking) {
      outcome = await transaction(
        async (tx) => {
          const [mail] = await tx.$queryRaw<Claimed[]>(dueQuery(now(), options.onlyIds, true));
          return mail ? attempt(tx, mail, options) : "none";
        },
        { maxWait: 10_000, timeout: 120_000, client: options.client },
      );
    } else {
      const [mail] = await client.$queryRaw<Claimed[]>(dueQuery(now(), options.onlyIds, false));
      outcome = mail ? await attempt(client, mail, options) : "none";
    }
    if (outcome === "none") break;
    result[outcome] += 1;
  }
  return result;
}

type SenderState = { timer: NodeJS.Timeout | null; running: Promise<unknown> | null; stopped: boolean };
const KEY = Symbol.for("taphuan.mailSender");

/**
 * Starts the background sender of this process (once, however often it is called): every
 * `intervalMs` it delivers what is due. Returns a stop function (tests, shutdown).
 */
export function startMailSender(options: Omit<DeliveryOptions, "limit"> & { intervalMs?: number }): () => Promise<void> {
  const g = globalThis as unknown as Record<symbol, SenderState | undefined>;
  const existing = g[KEY];
  if (existing && !existing.stopped) return async () => {};
  const state: SenderState = { timer: null, running: null, stopped: false };
  g[KEY] = state;
  const interval = options.intervalMs ?? 10_000;
  const tick = () => {
    state.running = deliverDueMail(options)
      .catch((e) => console.error("mail sender: delivery round failed", e instanceof Error ? e.message : e))
      .finally(() => {
        state.running = null;
        if (!state.stopped) state.timer = setTimeout(tick, interval).unref();
      });
  };
  state.timer = setTimeout(tick, 1_000).unref();
  return async () => {
    state.stopped = true;
    if (state.timer) clearTimeout(state.timer);
    await state.running;
    options.transport.close?.();
    if (g[KEY] === state) g[KEY] = undefined;
  };
}

/** instrumentation.ts: start delivering when SMTP_URL is configured; MAIL_FROM must then be set. */
export function startMailSenderFromEnv(): void {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return;
  if (!MAIL_FROM) throw new Error("Invalid configuration:\n  MAIL_FROM: required when SMTP_URL is set");
  startMailSender({ transport: smtpTransport(SMTP_URL), from: MAIL_FROM });
  console.log(`mail: delivering the outbox via ${new URL(SMTP_URL).host}`);
}
