"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Clash } from "@/lib/classes/access";
import { cancelClass, decideEnrolment, openClass, removeSession, saveSession, updateClass } from "@/lib/classes/commands";
import { nominate, selfEnrolInClass, withdrawFromClass } from "@/lib/classes/nomination";
import { cancelClassInput, classIdInput, enrolmentIdInput, nominateInput, openClassInput, sessionInput, updateClassInput } from "@/lib/classes/schemas";
import { formatVnRange } from "@/lib/i18n/format";
import { formAction, type ActionResult } from "@/lib/forms/action";
import type { Translate } from "@/lib/i18n/messages";
import { getLocale, getT } from "@/lib/i18n/server";

const refresh = () => revalidatePath("/classes", "layout");

async function clashList(clashes: Clash[], t: Translate): Promise<string> {
  const locale = await getLocale();
  return clashes
    .map((c) => t("classes.clashItem", { name: c.fullName, role: t(`classes.role.${c.role}`), when: formatVnRange(c.startsAt, c.endsAt, locale), code: c.otherClassCode }))
    .join("; ");
}

export const openClassAction = formAction(openClassInput, async (viewer, input) => {
  const { id } = await openClass(viewer, input);
  refresh();
  return { messageKey: "classes.opened", redirectTo: `/classes/${id}` };
}, { name: "class.open" });

export const updateClassAction = formAction(updateClassInput, async (viewer, input) => {
  const { changed } = await updateClass(viewer, input);
  refresh();
  return { messageKey: changed ? "classes.saved" : "classes.unchanged" };
}, { name: "class.update" });

export const cancelClassAction = formAction(cancelClassInput, async (viewer, input) => {
  await cancelClass(viewer, input);
  refresh();
  return { messageKey: "classes.cancelDone" };
}, { name: "class.cancel" });

export const saveSessionAction = formAction(sessionInput, async (viewer, input) => {
  const { clashes } = await saveSession(viewer, input);
  refresh();
  if (clashes.length === 0) return { messageKey: "classes.sessionSaved" };
  return { messageKey: "classes.sessionSavedClashes", params: { list: await clashList(clashes, await getT()) } };
}, { name: "class.session.add" });

export const removeSessionAction = formAction(z.object({ sessionId: z.uuid() }), async (viewer, { sessionId }) => {
  await removeSession(viewer, sessionId);
  refresh();
  return { messageKey: "classes.sessionRemoved" };
}, { name: "class.session.remove" });

export const nominateAction = formAction(nominateInput, async (viewer, { classId, userIds }): Promise<ActionResult> => {
  const { results, clashes } = await nominate(viewer, classId, userIds);
  refresh();
  const t = await getT();
  const byStatus = new Map<string, number>();
  for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  const summary = [...byStatus].map(([s, n]) => `${t(`classes.enrolment.${s as "ACTIVE"}`)}: ${n}`).join(", ");
  const base = t("classes.nominated", { count: results.length, summary });
  if (clashes.length) return { messageKey: "classes.nominatedClashes", params: { list: `${base}. ${await clashList(clashes, t)}` } };
  return { messageKey: "classes.nominated", params: { count: results.length, summary } };
}, { name: "enrolment.nominate" });

export const approveAction = formAction(enrolmentIdInput, async (viewer, { enrolmentId }) => {
  await decideEnrolment(viewer, { enrolmentId, approve: true });
  refresh();
  return { messageKey: "classes.approved" };
}, { name: "enrolment.approve" });

export const rejectAction = formAction(enrolmentIdInput, async (viewer, { enrolmentId, reason }) => {
  await decideEnrolment(viewer, { enrolmentId, approve: false, reason });
  refresh();
  return { messageKey: "classes.rejected" };
}, { name: "enrolment.reject" });

export const withdrawAction = formAction(enrolmentIdInput, async (viewer, { enrolmentId }) => {
  await withdrawFromClass(viewer, enrolmentId);
  refresh();
  return { messageKey: "classes.withdrawn" };
}, { name: "enrolment.withdrawClass" });

export const selfEnrolAction = formAction(classIdInput, async (viewer, { classId }) => {
  const r = await selfEnrolInClass(viewer, classId);
  refresh();
  const t = await getT();
  return { messageKey: "classes.selfEnrolled", params: { status: t(`classes.enrolment.${r.status}`) } };
}, { name: "enrolment.joinClass" });
