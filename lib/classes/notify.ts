import { appUrl, mailT } from "@/lib/accounts/invitations";
import type { Prisma } from "@/lib/db";
import type { Translate } from "@/lib/i18n/messages";
import { notify } from "@/lib/notifications/write";
import { formatVnDate, formatVnRange } from "@/lib/i18n/format";
import { foldForSearch } from "@/lib/text";

/** What people are told about their place in a class. */
export const CLASS_NOTICE_KINDS = [
  "nominated",
  "pendingApproval",
  "approved",
  "rejected",
  "waitlisted",
  "promoted",
  "classChanged",
  "classCancelled",
  "withdrawn",
  "reminder",
] as const;
export type ClassNoticeKind = (typeof CLASS_NOTICE_KINDS)[number];

export type NoticeClass = {
  id: string;
  code: string;
  title: string;
  cancelReason?: string | null;
  sessions: { startsAt: Date; endsAt: Date; place: string }[];
};
export type NoticePerson = { userId: string; email: string; fullName: string; unitId: string };

/** The first session's time and place, or the words for "not scheduled yet". */
function when(c: NoticeClass): string {
  const first = [...c.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  if (!first) return mailT("classes.notify.noSessions");
  return first.place ? `${formatVnRange(first.startsAt, first.endsAt, "vi")}, ${first.place}` : formatVnRange(first.startsAt, first.endsAt, "vi");
}

/**
 * The class as a sentence names it: "lớp Kỹ năng số", but "Lớp bồi dưỡng CCHC" as it is when its
 * title already starts with the word (no "lớp Lớp …"); `Class` is the same, capitalised, for the
 * start of a sentence.
 */
export function classNamed(t: Translate, title: string): { class: string; Class: string } {
  const noun = t("classes.notify.classNoun", { title: "" }).trim().split(" ").pop() ?? "";
  const named = foldForSearch(title).split(" ")[0] === foldForSearch(noun) ? title : t("classes.notify.classNoun", { title });
  return { class: named, Class: named.charAt(0).toUpperCase() + named.slice(1) };
}

/**
 * Tells each person, in the app and by e-mail, in Vietnamese (their language is not stored), with
 * the class name, its first session in Vietnam time and a link — in the caller's transaction.
 */
export async function noticeClass(tx: Prisma.TransactionClient, kind: ClassNoticeKind, c: NoticeClass, people: NoticePerson[], extra: { reason?: string | null } = {}): Promise<void> {
  if (people.length === 0) return;
  const link = `/classes/${c.id}`;
  const base = appUrl();
  const params = {
    ...classNamed(mailT, c.title),
    code: c.code,
    when: when(c),
    reason: extra.reason ?? c.cancelReason ?? "",
    today: formatVnDate(new Date(), "vi"),
  };
  await notify(
    tx,
    base,
    people.map((p) => {
      const title = mailT(`classes.notify.${kind}.title`, params);
      const body = mailT(`classes.notify.${kind}.body`, params);
      return {
        userId: p.userId,
        email: p.email,
        unitId: p.unitId,
        kind,
        title,
        body,
        link,
        mailText: `${mailT("classes.notify.greeting", { name: p.fullName })}\n\n${body}\n\n${mailT("classes.notify.linkLine", { link: `${base}${link}` })}`,
      };
    }),
  );
}
