import { recordAudit } from "@/lib/audit/record";
import { redactAuditMentions } from "@/lib/audit/redact";
import { clearFailures } from "@/lib/auth/throttle";
import { assertCan, type Viewer } from "@/lib/auth/viewer";
import { transaction } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { assertManagesAccount } from "@/lib/people/access";
import { personSearchText } from "@/lib/text";
import { lockUnitTree, removesLastProvinceAdmin } from "@/lib/units/structure";
import { anonymisedEmail, anonymisedName, UNUSABLE_PASSWORD } from "./pseudonym";
import { sameName, type AnonymiseInput } from "./schemas";

/**
 * Anonymises a departed official (Law 91/2025/QH15): irreversible. Needs person:anonymise on the
 * person's unit (the province admin); outside the viewer's person:read scope the person is "not
 * found", inside it but without the permission "forbidden". In one transaction:
 * - name → "Người dùng đã ẩn danh <short id>", e-mail → a unique undeliverable address, phone,
 *   position, rank cleared, search text recomputed;
 * - account inactive, sessions ended (sessionVersion raised), password unusable, unused
 *   invitation/reset tokens deleted, unsent mail to them dropped and sent mail's copies scrubbed;
 * - every audit event that names them redacted (lib/audit/redact.ts);
 * - refused for the last active province admin of a province (docs/decisions/041);
 * - unit, category, role grants and training records kept, for statistics;
 * - the anonymisation itself audited, without the old name.
 */
export async function anonymisePerson(viewer: Viewer, input: AnonymiseInput) {
  return transaction(async (tx) => {
    // The tree lock, then the row (the order lib/people and merges use): two admins confirming at
    // once anonymise once, and two province admins cannot anonymise each other at once.
    await lockUnitTree(tx);
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "id" = ${input.id}::uuid FOR UPDATE`;
    if (!locked) throw notFound();
    const person = await tx.user.findUniqueOrThrow({
      where: { id: input.id },
      select: {
        id: true,
        fullName: true,
        email: true,
        phone: true,
        unitId: true,
        active: true,
        anonymisedAt: true,
        sessionVersion: true,
        grants: { select: { id: true, role: true, unitId: true } },
      },
    });
    assertCan(viewer, "person:anonymise", person.unitId, "person:read");
    await assertManagesAccount(tx, viewer, person.id);
    if (person.id === viewer.userId) throw new AppError("CONFLICT", "privacy.anonymise.self");
    if (person.anonymisedAt) throw new AppError("CONFLICT", "privacy.anonymise.already");
    if (person.active && (await removesLastProvinceAdmin(tx, person.grants))) {
      throw new AppError("CONFLICT", "privacy.anonymise.lastProvinceAdmin");
    }
    if (!sameName(input.confirmName, person.fullName)) {
      throw new AppError("VALIDATION", "privacy.anonymise.nameMismatch", { field: "confirmName" });
    }

    const fullName = anonymisedName(person.id);
    const email = anonymisedEmail(person.id);
    const now = new Date();
    await tx.user.update({
      where: { id: person.id },
      data: {
        fullName,
        email,
        phone: null,
        position: null,
        rank: null,
        searchText: personSearchText({ fullName, email }),
        active: false,
        sessionVersion: { increment: 1 },
        passwordHash: UNUSABLE_PASSWORD,
        mustChangePassword: false,
        anonymisedAt: now,
      },
    });
    const tokens = await tx.accountToken.deleteMany({ where: { userId: person.id, usedAt: null } });
    await clearFailures(tx, person.email);

    const { events, mentions } = await redactAuditMentions(
      tx,
      { userId: person.id, current: { fullName: person.fullName, email: person.email, phone: person.phone } },
      { name: fullName, email },
    );

    // Mail: what was never sent is dropped; copies of sent mail lose the address and the name.
    const addresses = [...new Set(mentions.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    const unsent = await tx.outboxMail.deleteMany({ where: { sentAt: null, to: { in: addresses } } });
    const sent = await tx.outboxMail.findMany({ where: { to: { in: addresses } }, select: { id: true, subject: true, text: true } });
    const names = [...new Set(mentions.names.map((n) => n.trim()).filter((n) => n.length >= 5 || n.includes(" ")))];
    const scrub = (s: string) =>
      [...addresses.map((a) => [a, email] as const), ...names.map((n) => [n, fullName] as const)]
        .sort((a, b) => b[0].length - a[0].length)
        .reduce((text, [from, to]) => text.split(from).join(to), s);
    for (const m of sent) {
      await tx.outboxMail.update({ where: { id: m.id }, data: { to: email, subject: scrub(m.subject), text: scrub(m.text) } });
    }

    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "person.anonymise",
      entity: "User",
      entityId: person.id,
      unitId: person.unitId,
      data: {
        after: { fullName, active: false },
        redactedEvents: events,
        deletedTokens: tokens.count,
        droppedMails: unsent.count,
        scrubbedMails: sent.length,
      },
    });
    return { id: person.id, fullName, redactedEvents: events };
  });
}
