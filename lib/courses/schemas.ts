import { z } from "zod";
import { checkboxList } from "@/lib/forms/zod";
import { TARGET_GROUPS } from "./target-groups";

export { TARGET_GROUPS };

/** "" from an empty form field means "no value". */
const text = (max: number) => z.string().trim().normalize("NFC").max(max);

export const courseId = z.uuid();

/** Course and area codes: upper-case letters without diacritics, digits, dot, dash (2–32). */
export const courseCode = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9.-]{1,31}$/, { message: "validation.unitCode" }));

/** Several values of one form field (checkboxes) arrive joined by commas from `formAction`'s flat record. */
const idList = z
  .string()
  .default("")
  .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.uuid()).max(200));

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

export const courseFields = z.object({
  title: text(200).pipe(z.string().min(3)),
  code: courseCode,
  areaId: z.uuid({ message: "courses.chooseArea" }),
  summary: text(2000).default(""),
  objectives: text(4000).default(""),
  targetGroups: checkboxList(TARGET_GROUPS, { none: "courses.chooseTargetGroup" }),
  hours: z.coerce
    .number({ message: "courses.hoursRange" })
    .int({ message: "courses.hoursRange" })
    .min(1, { message: "courses.hoursRange" })
    .max(200, { message: "courses.hoursRange" }),
  selfEnrol: checkbox,
  /** Unit subtrees the course is open to; empty means the owning unit. */
  audience: idList,
});

export const createCourseInput = courseFields.extend({ unitId: z.uuid({ message: "courses.chooseUnit" }) });
export type CreateCourseInput = z.infer<typeof createCourseInput>;

export const updateCourseInput = courseFields.extend({ id: courseId });
export type UpdateCourseInput = z.infer<typeof updateCourseInput>;

export const COURSE_STATUSES = ["DRAFT", "PUBLISHED", "ARCHIVED"] as const;
export const setStatusInput = z.object({ id: courseId, status: z.enum(["PUBLISHED", "ARCHIVED"]) });

export const trainerInput = z.object({ id: courseId, userId: z.uuid({ message: "courses.chooseTrainer" }) });

export const courseIdInput = z.object({ id: courseId });

// ── Areas ──────────────────────────────────────────────────────────────────────────────────
export const areaFields = z.object({
  code: courseCode,
  name: text(200).pipe(z.string().min(2)),
  nameEn: text(200).default(""),
  position: z.coerce.number({ message: "validation.invalid" }).int().min(0).max(1000),
});
export type AreaInput = z.infer<typeof areaFields>;
export const updateAreaInput = areaFields.extend({ id: z.uuid() });

// ── Lists ──────────────────────────────────────────────────────────────────────────────────
export const COURSE_PAGE_SIZE = 20;

const firstOf = (params: Record<string, string | string[] | undefined>) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

const listQuery = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  areaId: z
    .union([z.uuid(), z.literal("")])
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type CatalogueInput = { q?: string; areaId?: string; page?: number; pageSize?: number };
export type ManageListInput = CatalogueInput & { status?: (typeof COURSE_STATUSES)[number] };

/** The catalogue's URL parameters; anything malformed falls back to its default. */
export function parseCatalogueQuery(params: Record<string, string | string[] | undefined>) {
  return listQuery.parse(firstOf(params));
}

export function parseManageQuery(params: Record<string, string | string[] | undefined>) {
  return listQuery
    .extend({
      status: z
        .union([z.enum(COURSE_STATUSES), z.literal("")])
        .optional()
        .catch(undefined)
        .transform((v) => v || undefined),
    })
    .parse(firstOf(params));
}

// ── Content ────────────────────────────────────────────────────────────────────────────────
export const sectionTitle = text(200).pipe(z.string().min(2));
export const addSectionInput = z.object({ courseId, title: sectionTitle });
export const renameSectionInput = z.object({ courseId, sectionId: z.uuid(), title: sectionTitle });
export const deleteSectionInput = z.object({ courseId, sectionId: z.uuid(), confirm: checkbox });

/** An http(s) address; anything else (javascript:, data:, ftp:) is refused. */
export const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
      } catch {
        return false;
      }
    },
    { message: "courses.urlInvalid" },
  );

const lessonBase = z.object({
  courseId,
  sectionId: z.uuid({ message: "courses.chooseSection" }),
  title: text(200).pipe(z.string().min(2)),
});
export const lessonInput = z.discriminatedUnion("kind", [
  lessonBase.extend({ kind: z.literal("TEXT"), body: z.string().max(200_000).default("") }),
  lessonBase.extend({ kind: z.literal("LINK"), url: httpUrl }),
]);
export type LessonInput = z.infer<typeof lessonInput>;

/** Editing a lesson: title, section (a move appends it there), and the body or address of its kind. */
export const updateLessonInput = z.object({
  courseId,
  lessonId: z.uuid(),
  sectionId: z.uuid({ message: "courses.chooseSection" }),
  title: text(200).pipe(z.string().min(2)),
  body: z.string().max(200_000).optional(),
  url: z.string().optional(),
});
export type UpdateLessonInput = z.infer<typeof updateLessonInput>;

export const deleteLessonInput = z.object({ courseId, lessonId: z.uuid() });

/** The whole outline in its new order: every section with its lessons, as ids. */
export const layoutSchema = z
  .array(z.object({ id: z.uuid(), lessonIds: z.array(z.uuid()).max(1000) }))
  .max(200);
export type Layout = z.infer<typeof layoutSchema>;
export const reorderInput = z.object({
  courseId,
  layout: z
    .string()
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "validation.invalid" });
        return z.NEVER;
      }
    })
    .pipe(layoutSchema),
});
