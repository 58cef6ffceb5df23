import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { issueInvitations } from "@/lib/accounts/invitations";
import { db, dbTarget, transaction } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { queueMails } from "@/lib/mail/outbox";
import { OUTBOX_PAGE_SIZE, listOutbox } from "@/lib/mail/queries";
import { MAX_ATTEMPTS, RETRY_DELAY_MIN } from "@/lib/mail/schedule";
import { deliverDueMail, smtpTransport, startMailSender, type MailTransport } from "@/lib/mail/sender";
import { makeInvitedUser } from "@/lib/testing/account-factories";
import { makeProvince, makeUser, makeViewer, uniq } from "@/lib/testing/factories";
import { decodeBody, startSmtpSink } from "@/lib/testing/smtp-sink";

const FROM = "Tập huấn CCHC <taphuan@snv.test.vn>";

/** Queues mails for one unit and returns their ids (oldest first). */
async function queue(unitId: string, mails: { to: string; subject?: string; text?: string }[]): Promise<string[]> {
  const before = new Date(Date.now() - 1);
  await transaction((tx) =>
    queueMails(
      tx,
      mails.map((m) => ({ to: m.to, unitId, subject: m.subject ?? "Thông báo lớp tập huấn", text: m.text ?? "Nội dung thư có dấu: Phú Yên." })),
    ),
  );
  const rows = await db().outboxMail.findMany({
    where: { unitId, to: { in: mails.map((m) => m.to) }, createdAt: { gte: before } },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

const address = (name: string) => `${name}.${uniq().toLowerCase()}@test.taphuan.vn`;
/** The mails, in the order of `ids`. */
const rows = async (ids: string[]) => {
  const found = await db().outboxMail.findMany({ where: { id: { in: ids } } });
  return ids.map((id) => {
    const mail = found.find((m) => m.id === id);
    if (!mail) throw new Error(`mail ${id} is gone`);
    return mail;
  });
};

describe("delivery over SMTP", () => {
  const sinks: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(sinks.map((s) => s.close()));
  });

  it("hands a due mail to a real SMTP server, in Vietnamese, and marks it sent", async () => {
    const sink = await startSmtpSink();
    sinks.push(sink);
    const p = await makeProvince();
    const to = address("nhan");
    const ids = await queue(p.communeA.id, [{ to, subject: "Lịch học lớp “Ứng dụng CNTT”", text: "Kính gửi anh Hưng,\nLớp học bắt đầu lúc 7 giờ 30." }]);
    const transport = smtpTransport(sink.url);
    const result = await deliverDueMail({ transport, from: FROM, onlyIds: ids });
    transport.close?.();
    expect(result).toEqual({ sent: 1, failed: 0 });
    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0]!;
    expect(mail.from).toBe("taphuan@snv.test.vn");
    expect(mail.to).toEqual([to]);
    expect(decodeBody(mail.data)).toContain("Kính gửi anh Hưng,\nLớp học bắt đầu lúc 7 giờ 30.");
    expect(mail.data).toMatch(/^Subject: =\?UTF-8\?/m);
    const [row] = await rows(ids);
    expect(row!.sentAt).not.toBeNull();
    expect(row!.attempts).toBe(1);
    expect(row!.lastError).toBeNull();
    // Sent mail is never sent again.
    expect(await deliverDueMail({ transport: smtpTransport(sink.url), from: FROM, onlyIds: ids })).toEqual({ sent: 0, failed: 0 });
  });

  it("delivers an invitation whose link survives the trip intact", async () => {
    const sink = await startSmtpSink();
    sinks.push(sink);
    const p = await makeProvince();
    const { user, token } = await makeInvitedUser({ unitId: p.ward.id, fullName: "Nguyễn Thị Ánh Tuyết" });
    const [mail] = await db().outboxMail.findMany({ where: { to: user.email }, select: { id: true } });
    const transport = smtpTransport(sink.url);
    await deliverDueMail({ transport, from: FROM, onlyIds: [mail!.id] });
    transport.close?.();
    const body = decodeBody(sink.received[0]!.data);
    expect(body).toContain("Kính gửi Nguyễn Thị Ánh Tuyết,");
    expect(body).toContain(`/invite/${token}\n`);
  });

  it("retries a temporary refusal on schedule, records the error, gives up on a permanent one", async () => {
    const sink = await startSmtpSink({
      rcptReply: (a) => (a.startsWith("tam.thoi") ? "451 4.3.0 busy, try again later" : a.startsWith("khong.co") ? "550 5.1.1 no such user" : null),
    });
    sinks.push(sink);
    const p = await makeProvince();
    const [temporary, permanent] = await queue(p.communeA.id, [{ to: address("tam.thoi") }, { to: address("khong.co") }]);
    const ids = [temporary!, permanent!];
    const start = Date.now();
    const at = (minutes: number) => () => new Date(start + minutes * 60_000 + 5_000);
    const transport = smtpTransport(sink.url);
    try {
      expect(await deliverDueMail({ transport, from: FROM, onlyIds: ids, now: at(0) })).toEqual({ sent: 0, failed: 2 });
      let [t, perm] = await rows(ids);
      expect(t!.attempts).toBe(1);
      expect(t!.lastError).toMatch(/451/);
      expect(t!.sentAt).toBeNull();
      expect(perm!.attempts).toBe(MAX_ATTEMPTS); // 5xx on RCPT: not retried
      expect(perm!.lastError).toMatch(/550/);

      // Not due again before its next slot…
      expect(await deliverDueMail({ transport, from: FROM, onlyIds: ids, now: at(0) })).toEqual({ sent: 0, failed: 0 });
      // …due after it; the permanent failure never is.
      expect(await deliverDueMail({ transport, from: FROM, onlyIds: ids, now: at(RETRY_DELAY_MIN[0]) })).toEqual({ sent: 0, failed: 1 });
      const second = RETRY_DELAY_MIN[0] + RETRY_DELAY_MIN[1];
      expect(await deliverDueMail({ transport, from: FROM, onlyIds: ids, now: at(second - 1) })).toEqual({ sent: 0, failed: 0 });
      [t] = await rows(ids);
      expect(t!.attempts).toBe(2);
      // A sender back after a day away tries once, then waits the next delay from that failure:
      // no back-to-back catch-up.
      const day = 24 * 60;
      expect(await deliverDueMail({ transport, from: FROM, onlyIds: ids, now: at(day) })).toEqual({ sent: 0, failed: 1 });
      expect(await deliverDueMail({ transport, from: FROM, onlyIds: ids, now: at(day + RETRY_DELAY_MIN[2] - 1) })).toEqual({ sent: 0, failed: 0 });
      // Each remaining attempt once, each after its delay, then the mail is given up.
      let clock = day;
      for (let n = 3; n < MAX_ATTEMPTS; n++) {
        clock += RETRY_DELAY_MIN[n - 1]!;
        expect(await deliverDueMail({ transport, from: FROM, onlyIds: ids, now: at(clock) })).toEqual({ sent: 0, failed: 1 });
      }
      expect(await deliverDueMail({ transport, from: FROM, onlyIds: ids, now: at(clock + 100_000) })).toEqual({ sent: 0, failed: 0 });
      [t, perm] = await rows(ids);
      expect(t!.attempts).toBe(MAX_ATTEMPTS);
      expect(sink.received).toHaveLength(0);
    } finally {
      transport.close?.();
    }
  });

  it("an unreachable server is a temporary failure", async () => {
    const sink = await startSmtpSink();
    const url = sink.url;
    await sink.close(); // nothing listens there any more
    const p = await makeProvince();
    const ids = await queue(p.communeA.id, [{ to: address("ai.do") }]);
    const transport = smtpTransport(url);
    expect(await deliverDueMail({ transport, from: FROM, onlyIds: ids })).toEqual({ sent: 0, failed: 1 });
    transport.close?.();
    const [row] = await rows(ids);
    expect(row!.attempts).toBe(1);
    expect(row!.lastError).toMatch(/ECONNREFUSED/);
  });

  it("the background sender delivers what is queued, and stops", async () => {
    const sink = await startSmtpSink();
    sinks.push(sink);
    const p = await makeProvince();
    const ids = await queue(p.communeA.id, [{ to: address("a") }, { to: address("b") }]);
    const stop = startMailSender({ transport: smtpTransport(sink.url), from: FROM, onlyIds: ids, intervalMs: 50 });
    for (let i = 0; i < 100 && sink.received.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    await stop();
    expect(sink.received.map((m) => m.to[0]).sort()).toEqual((await rows(ids)).map((r) => r.to).sort());
    expect((await rows(ids)).every((r) => r.sentAt)).toBe(true);
  });
});

describe("two server processes", () => {
  /** A transport that takes a while per mail and counts what it was given. */
  function slowTransport(log: string[]): MailTransport {
    return {
      async sendMail(mail) {
        await new Promise((r) => setTimeout(r, 15));
        log.push(mail.to);
      },
    };
  }

  it.runIf(dbTarget().kind === "postgres")("never send one mail twice (FOR UPDATE SKIP LOCKED)", async () => {
    const other = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
    try {
      const p = await makeProvince();
      const ids = await queue(p.communeA.id, Array.from({ length: 30 }, (_, i) => ({ to: address(`nguoi${i}`) })));
      const log: string[] = [];
      const [a, b] = await Promise.all([
        deliverDueMail({ transport: slowTransport(log), from: FROM, onlyIds: ids }),
        deliverDueMail({ transport: slowTransport(log), from: FROM, onlyIds: ids, client: other }),
      ]);
      expect(a.sent + b.sent).toBe(30);
      expect(a.sent).toBeGreaterThan(0); // both really worked in parallel
      expect(b.sent).toBeGreaterThan(0);
      expect(new Set(log).size).toBe(30);
      expect(log).toHaveLength(30);
      expect((await rows(ids)).every((r) => r.sentAt && r.attempts === 1)).toBe(true);
    } finally {
      await other.$disconnect();
    }
  });

  it.runIf(dbTarget().kind === "postgres")("control: without the row lock the same race does send duplicates", async () => {
    const p = await makeProvince();
    const ids = await queue(p.communeA.id, Array.from({ length: 10 }, (_, i) => ({ to: address(`kiem${i}`) })));
    const log: string[] = [];
    await Promise.all([
      deliverDueMail({ transport: slowTransport(log), from: FROM, onlyIds: ids, locking: false }),
      deliverDueMail({ transport: slowTransport(log), from: FROM, onlyIds: ids, locking: false }),
    ]);
    expect(log.length).toBeGreaterThan(new Set(log).size);
  });
});

describe("the outbox page's data", () => {
  it("shows only mail about the viewer's units, newest first, paginated; refuses viewers without outbox:read", async () => {
    const p = await makeProvince();
    const provinceAdmin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const adminA = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    const adminB = await makeViewer(p.communeB.id, [{ role: "UNIT_ADMIN", unitId: p.communeB.id }]);
    const learner = await makeViewer(p.communeA.id, [{ role: "LEARNER", unitId: p.communeA.id }]);

    const inA: string[] = [];
    for (let i = 0; i < OUTBOX_PAGE_SIZE + 3; i++) inA.push(...(await queue(p.communeA.id, [{ to: address(`a${i}`), subject: `Thư A ${i}` }])));
    const inB = await queue(p.communeB.id, [{ to: address("b"), subject: "Thư B" }]);

    const a1 = await listOutbox(adminA, 1);
    expect(a1.total).toBe(OUTBOX_PAGE_SIZE + 3);
    expect(a1.pages).toBe(2);
    expect(a1.rows).toHaveLength(OUTBOX_PAGE_SIZE);
    expect(a1.rows[0]!.subject).toBe(`Thư A ${OUTBOX_PAGE_SIZE + 2}`); // newest first
    const a2 = await listOutbox(adminA, 2);
    expect(a2.rows.map((r) => r.subject)).toEqual(["Thư A 2", "Thư A 1", "Thư A 0"]);
    expect([...a1.rows, ...a2.rows].some((r) => inB.includes(r.id))).toBe(false);
    expect((await listOutbox(adminA, 99)).page).toBe(2); // past the end: the last page

    const b = await listOutbox(adminB, 1);
    expect(b.rows.map((r) => r.id)).toEqual(inB);
    expect((await listOutbox(provinceAdmin, 1)).total).toBe(OUTBOX_PAGE_SIZE + 4);

    const refused = await listOutbox(learner, 1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("NOT_FOUND");
    expect(a1.rows[0]!.status).toBe("held"); // demo mode: no SMTP_URL in tests
  });

  it("shows a password link only to a viewer who covers every unit where the recipient holds a role", async () => {
    const p = await makeProvince();
    const provinceAdmin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const adminA = await makeViewer(p.communeA.id, [{ role: "UNIT_ADMIN", unitId: p.communeA.id }]);
    const { token: learnerToken } = await makeInvitedUser({ unitId: p.communeA.id });
    // Someone who works in commune A but administers the whole province.
    const boss = await makeUser({ unitId: p.communeA.id, grants: [{ role: "PROVINCE_ADMIN", unitId: p.province.id }] });
    await transaction((tx) => issueInvitations(tx, [{ id: boss.id, email: boss.email, fullName: boss.fullName, unitId: boss.unitId }]));

    const seenBy = async (viewer: typeof adminA) => {
      const { rows } = await listOutbox(viewer, 1);
      const links = rows.flatMap((r) => r.parts).filter((x) => x.kind === "link").map((x) => (x.kind === "link" ? x.href : ""));
      const hidden = rows.flatMap((r) => r.parts).filter((x) => x.kind === "hidden").length;
      return { links, hidden, json: JSON.stringify(rows) };
    };
    const a = await seenBy(adminA);
    expect(a.links.some((l) => l.endsWith(`/invite/${learnerToken}`))).toBe(true);
    expect(a.hidden).toBe(1); // the province admin's link
    const bossMail = await db().outboxMail.findFirstOrThrow({ where: { to: boss.email } });
    const bossToken = /\/invite\/([\w-]{43})/.exec(bossMail.text)![1]!;
    expect(a.json).not.toContain(bossToken);

    const prov = await seenBy(provinceAdmin);
    expect(prov.hidden).toBe(0);
    expect(prov.json).toContain(bossToken);
  });
});
