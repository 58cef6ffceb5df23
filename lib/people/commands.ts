import { expireOpenLinks } from "@/lib/accounts/commands";
import { issueInvitations } from "@/lib/accounts/invitations";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { assertCan, type Viewer } from "@/lib/auth/viewer";
import { type Prisma, transaction } from "@/lib/db";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { personSearchText } from "@/lib/text";
import { lockUnitTree, removesLastProvinceAdmin } from "@/lib/units/structure";
import { assertManagesAccount } from "./access";
import { generateInitialPassword } from "./initial-password";
import type { CreateMode, PersonInput, UpdatePersonInput, UpdateProfileInput } from "./schemas";

const PROFILE_FIELDS = ["fullName", "phone", "position", "rank", "category"] as const;
const PERSON_FIELDS = ["fullName", "email", "phone", "position", "rank", "category", "unitId"] as const;

/**
 * The password hash of an account that has none yet (invited, link not used). It is not a valid
 * argon2 hash, so verifyPassword never matches it and nobody can sign in until the invitation
 * (or a reset) sets a real password.
 */
export const NO_PASSWORD_HASH = "!no-password";

const emailTaken = () => new AppError("CONFLICT", "people.emailTaken", { field: "email" });
const anonymised = () => new AppError("CONFLICT", "people.anonymisedLocked");

/** The e-mail is not anyone's yet (checked in the transaction; the unique index catches a race). */
async function assertEmailFree(tx: Prisma.TransactionClient, email: string): Promise<void> {
  if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw emailTaken();
}

/** A concurrent insert of the same e-mail, caught by the unique index, is the same field error. */
function rethrowEmailTaken(e: unknown): never {
  if (isUniqueViolation(e, "email")) throw emailTaken();
  throw e;
}

/** The User columns an admin sets on an official, with the search text kept in step (decision 010). */
function personColumns(input: PersonInput) {
  return {
    fullName: input.fullName,
    email: input.email,
    phone: input.phone,
    position: input.position,
    rank: input.rank,
    category: input.category,
    unitId: input.unitId,
    searchText: personSearchText(input),
  };
}

/** The audit data of an edit: only the changed fields, before and after. */
function changes<F extends string, V extends string | null>(fields: readonly F[], before: Record<F, V>, after: Record<F, V>) {
  return {
    before: Object.fromEntries(fields.map((f) => [f, before[f]])),
    after: Object.fromEntries(fields.map((f) => [f, after[f]])),
  };
}

/**
 * Locks the person's row for the rest of the transaction, so that what is checked (not anonymised,
 * the unit) is still true when written: anonymisation locks the same row (lib/privacy).
 */
async function lockPerson(tx: Prisma.TransactionClient, id: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${id}::uuid FOR UPDATE`;
}

/** People join or move only into a unit that is open: not deactivated, not merged away. Call after lockUnitTree. */
async function assertUnitOpen(tx: Prisma.TransactionClient, unitId: string) {
  const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { active: true, mergedIntoId: true } });
  if (!unit) throw notFound();
  if (!unit.active || unit.mergedIntoId) throw new AppError("CONFLICT", "people.unitClosed", { field: "unitId" });
}

/** A person edits their own profile; the home unit and e-mail are not theirs to change. */
export async function updateOwnProfile(viewer: Viewer, input: UpdateProfileInput) {
  return transaction(async (tx) => {
    await lockPerson(tx, viewer.userId);
    const before = await tx.user.findUnique({
      where: { id: viewer.userId },
      select: { fullName: true, email: true, phone: true, position: true, rank: true, category: true, unitId: true, anonymisedAt: true },
    });
    if (!before) throw notFound();
    if (before.anonymisedAt) throw anonymised();
    const after = await tx.user.update({
      where: { id: viewer.userId },
      data: { ...input, searchText: personSearchText({ ...input, email: before.email }) },
    });
    const changed = PROFILE_FIELDS.filter((f) => before[f] !== after[f]);
    if (changed.length > 0) {
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "person.updateProfile",
        entity: "User",
        entityId: viewer.userId,
        unitId: before.unitId,
        data: changes(changed, before, after),
      });
    }
    return after;
  });
}

export type CreatedPerson = {
  id: string;
  fullName: string;
  email: string;
  unitId: string;
  mode: CreateMode;
  /** Only in "password" mode, and only here: it is stored hashed and never shown again. */
  initialPassword: string | null;
};

/**
 * An admin adds an official to a unit where they hold person:create. The account is a LEARNER of
 * that unit and gets its first password either by an invitation e-mail ("invite", queued in the
 * same transaction) or as a random initial password that the admin hands over ("password",
 * returned once, to be changed at first sign-in).
 */
export async function createPerson(viewer: Viewer, input: PersonInput, mode: CreateMode = "invite"): Promise<CreatedPerson> {
  assertCan(viewer, "person:create", input.unitId, "person:read");
  const initialPassword = mode === "password" ? generateInitialPassword() : null;
  // Hashing takes ~50 ms of CPU: done before the transaction opens.
  const passwordHash = initialPassword ? await hashPassword(initialPassword) : NO_PASSWORD_HASH;
  try {
    return await transaction(async (tx) => {
      // The unit must stay open until we commit: unit deactivation and merges take the same lock.
      await lockUnitTree(tx);
      await assertUnitOpen(tx, input.unitId);
      await assertEmailFree(tx, input.email);
      const user = await tx.user.create({
        data: {
          ...personColumns(input),
          passwordHash,
          mustChangePassword: mode === "password",
          grants: { create: { role: "LEARNER", unitId: input.unitId, grantedById: viewer.userId } },
        },
      });
      if (mode === "invite") {
        await issueInvitations(tx, [{ id: user.id, email: user.email, fullName: user.fullName, unitId: user.unitId }]);
      }
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "person.create",
        entity: "User",
        entityId: user.id,
        unitId: user.unitId,
        data: { after: { ...Object.fromEntries(PERSON_FIELDS.map((f) => [f, user[f]])), mode } },
      });
      return { id: user.id, fullName: user.fullName, email: user.email, unitId: user.unitId, mode, initialPassword };
    });
  } catch (e) {
    rethrowEmailTaken(e);
  }
}

/**
 * An admin edits an official: details, e-mail, and the unit (a move, which needs person:update on
 * the old and the new unit and takes the LEARNER grant along). Changing the e-mail or the unit
 * also needs the account rule (`assertManagesAccount`: every right the person holds lies in the
 * viewer's scope). A new e-mail ends the person's sessions and their open
 * invitation and reset links (they were sent to the old address); an account still waiting for
 * its invitation gets a new one at the new address. Anonymised people are read-only.
 */
export async function updatePerson(viewer: Viewer, id: string, input: Omit<UpdatePersonInput, "id">) {
  try {
    return await transaction(async (tx) => {
      // Same order as unit merges (tree, then people), so the two cannot deadlock; then the row,
      // so a concurrent anonymisation cannot be undone by writing the old values back.
      await lockUnitTree(tx);
      await lockPerson(tx, id);
      const before = await tx.user.findUnique({
        where: { id },
        select: {
          fullName: true,
          email: true,
          phone: true,
          position: true,
          rank: true,
          category: true,
          unitId: true,
          active: true,
          passwordHash: true,
          anonymisedAt: true,
          grants: { select: { role: true, unitId: true } },
        },
      });
      if (!before) throw notFound();
      assertCan(viewer, "person:update", before.unitId, "person:read");
      const moving = input.unitId !== before.unitId;
      if (moving) assertCan(viewer, "person:update", input.unitId, "person:read");
      if (before.anonymisedAt) throw anonymised();
      const emailChanged = input.email !== before.email;
      if (moving || emailChanged) await assertManagesAccount(tx, viewer, id);
      if (moving) await assertUnitOpen(tx, input.unitId);
      if (emailChanged) await assertEmailFree(tx, input.email);

      const changed = PERSON_FIELDS.filter((f) => input[f] !== before[f]);
      if (changed.length === 0) return { id, changed, reinvited: false };

      await tx.user.update({
        where: { id },
        data: {
          ...personColumns(input),
          // A new e-mail is a new sign-in name: sessions opened under the old one end now.
          ...(emailChanged ? { sessionVersion: { increment: 1 } } : {}),
        },
      });
      let reinvited = false;
      if (emailChanged) {
        const now = new Date();
        await expireOpenLinks(tx, id, now);
        if (before.active && before.passwordHash === NO_PASSWORD_HASH) {
          await issueInvitations(tx, [{ id, email: input.email, fullName: input.fullName, unitId: input.unitId }], now);
          reinvited = true;
        }
      }
      if (moving && before.grants.some((g) => g.role === "LEARNER" && g.unitId === before.unitId)) {
        // The person learns where they work: their LEARNER grant follows them. Other roles stay
        // where they were granted (the roles page manages those).
        await tx.roleGrant.deleteMany({ where: { userId: id, role: "LEARNER", unitId: before.unitId } });
        await tx.roleGrant.upsert({
          where: { userId_role_unitId: { userId: id, role: "LEARNER", unitId: input.unitId } },
          create: { userId: id, role: "LEARNER", unitId: input.unitId, grantedById: viewer.userId },
          update: {},
        });
      }
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: moving ? "person.move" : "person.update",
        entity: "User",
        entityId: id,
        unitId: input.unitId,
        data: { ...changes(changed, before, input), ...(reinvited ? { reinvited } : {}) },
      });
      return { id, changed, reinvited };
    });
  } catch (e) {
    rethrowEmailTaken(e);
  }
}

/**
 * Deactivate or reactivate an account. Deactivating ends the person's sessions at once (the
 * viewer loader refuses inactive accounts and the raised sessionVersion invalidates their JWTs).
 * Nobody deactivates themselves, nor the last active province admin of a province; anonymised
 * accounts stay inactive.
 */
export async function setPersonActive(viewer: Viewer, id: string, active: boolean) {
  return transaction(async (tx) => {
    // The tree lock first, as edits and merges take it: it also serialises this with role
    // revocations and other deactivations, so two admins cannot remove each other at once.
    await lockUnitTree(tx);
    await lockPerson(tx, id);
    const before = await tx.user.findUnique({
      where: { id },
      select: { active: true, unitId: true, anonymisedAt: true, grants: { select: { id: true, role: true, unitId: true } } },
    });
    if (!before) throw notFound();
    assertCan(viewer, "person:update", before.unitId, "person:read");
    if (!active && id === viewer.userId) throw new AppError("CONFLICT", "people.cannotDeactivateSelf");
    await assertManagesAccount(tx, viewer, id);
    if (active && before.anonymisedAt) throw anonymised();
    if (before.active === active) return { id, active, changed: false };
    if (!active && (await removesLastProvinceAdmin(tx, before.grants))) throw new AppError("CONFLICT", "people.lastProvinceAdmin");
    await tx.user.update({
      where: { id },
      data: { active, ...(active ? {} : { sessionVersion: { increment: 1 } }) },
    });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: active ? "person.reactivate" : "person.deactivate",
      entity: "User",
      entityId: id,
      unitId: before.unitId,
      data: { before: { active: before.active }, after: { active } },
    });
    return { id, active, changed: true };
  });
}

/** A new invitation is not sent again within this time of the last one (a double click, an impatient admin). */
export const INVITE_RESEND_AFTER_MS = 5 * 60_000;

/**
 * Sends a fresh invitation to a person who has not used theirs (issue 9): same rules as any
 * change to their account (person:update on their unit, every right they hold within the
 * admin's reach), only while the account still has no password of its own (the last invitation
 * unused, never signed in, active, not anonymised), not twice within INVITE_RESEND_AFTER_MS.
 * The earlier links stop working; the new mail is queued with the audit entry, in one transaction.
 */
export async function resendInvitation(viewer: Viewer, id: string, now = new Date()): Promise<{ email: string }> {
  return transaction(async (tx) => {
    await lockPerson(tx, id);
    const user = await tx.user.findUnique({
      where: { id },
      select: {
        id: true,
        email: true,
        fullName: true,
        unitId: true,
        active: true,
        anonymisedAt: true,
        lastSignInAt: true,
        passwordHash: true,
        tokens: { where: { kind: "INVITE" }, orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true, usedAt: true } },
      },
    });
    if (!user) throw notFound();
    assertCan(viewer, "person:update", user.unitId, "person:read");
    await assertManagesAccount(tx, viewer, user.id);
    if (user.anonymisedAt) throw anonymised();
    const last = user.tokens[0];
    if (!last || last.usedAt || user.lastSignInAt || user.passwordHash !== NO_PASSWORD_HASH || !user.active) {
      throw new AppError("CONFLICT", "people.inviteNotPending");
    }
    const wait = last.createdAt.getTime() + INVITE_RESEND_AFTER_MS - now.getTime();
    if (wait > 0) throw new AppError("RATE_LIMITED", "people.inviteTooSoon", { params: { minutes: Math.ceil(wait / 60_000) } });
    await expireOpenLinks(tx, user.id, now, "INVITE");
    await issueInvitations(tx, [user], now);
    await recordAudit(tx, { actorId: viewer.userId, action: "person.inviteResent", entity: "User", entityId: user.id, unitId: user.unitId });
    return { email: user.email };
  });
}
