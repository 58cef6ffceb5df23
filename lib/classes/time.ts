// Class scheduling rules on Vietnamese time (docs/decisions/071-classes-and-nomination.md). The
// conversions and formats themselves are lib/i18n/format.ts (decision 063).
import { utcToVn } from "@/lib/i18n/format";

export type Interval = { startsAt: Date; endsAt: Date };

/** Half-open intervals [start, end) overlap: a session ending at 11:00 does not clash with one starting at 11:00. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** A new class's enrolment window: from today to 30 days later, as Vietnamese dates. */
export function defaultWindow(now = new Date()): { opens: string; closes: string } {
  return { opens: utcToVn(now).date, closes: utcToVn(new Date(now.getTime() + 30 * 86_400_000)).date };
}
