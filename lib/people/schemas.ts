import { z } from "zod";

/** "" from an empty form field means "no value". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v));

export const personId = z.uuid();

export const fullName = z.string().trim().normalize("NFC").min(2).max(120);
export const email = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: "validation.email" }));
export const phone = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s.]/g, ""))
  .pipe(z.union([z.literal(""), z.string().regex(/^(\+84|0)\d{9,10}$/, { message: "validation.phone" })]))
  .transform((v) => (v === "" ? null : v));
export const category = z.enum(["", "CAN_BO", "CONG_CHUC", "VIEN_CHUC"]).transform((v) => (v === "" ? null : v));

/** The fields a person edits about themselves. */
export const updateProfileInput = z.object({
  fullName,
  phone,
  position: optionalText(120),
  rank: optionalText(120),
  category,
});
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

/** An official as an admin creates or imports them (the unit is resolved by the caller). */
export const personInput = updateProfileInput.extend({ email, unitId: z.uuid() });
export type PersonInput = z.infer<typeof personInput>;

/** How a new account gets its first password: an e-mailed invitation link, or one the admin hands over. */
export const CREATE_MODES = ["invite", "password"] as const;
export type CreateMode = (typeof CREATE_MODES)[number];

/** The admin's "new official" form. */
export const createPersonInput = personInput.extend({ mode: z.enum(CREATE_MODES).default("invite") });
export type CreatePersonInput = z.infer<typeof createPersonInput>;

/** The admin's edit form: every field of `personInput`, the unit being a move. */
export const updatePersonInput = personInput.extend({ id: personId });
export type UpdatePersonInput = z.infer<typeof updatePersonInput>;

/** A form that acts on one person and needs nothing else. */
export const personIdInput = z.object({ id: personId });

export const setPersonActiveInput = z.object({
  id: personId,
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export type SetPersonActiveInput = z.infer<typeof setPersonActiveInput>;

export const PEOPLE_STATUSES = ["active", "inactive", "all"] as const;
export type PeopleStatus = (typeof PEOPLE_STATUSES)[number];
export const PEOPLE_PAGE_SIZE = 25;

/**
 * The people list's filters, as they come from a shareable GET URL. Anything malformed falls back
 * to its default rather than failing: a mistyped link still shows the list.
 */
export const listPeopleQuery = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  unitId: z
    .union([z.uuid(), z.literal("")])
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  // A ticked "this unit only" box; absent means the unit and everything under it.
  only: z
    .enum(["1"])
    .optional()
    .catch(undefined),
  status: z.enum(PEOPLE_STATUSES).catch("active").default("active"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

/** The list's URL parameters (first value of each) as `listPeople` input. */
export function parseListPeopleQuery(params: Record<string, string | string[] | undefined>): Required<Omit<ListPeopleInput, "unitId" | "pageSize">> & { unitId?: string } {
  const first = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const { only, ...rest } = listPeopleQuery.parse(first);
  return { ...rest, includeSubunits: only !== "1" };
}

export type ListPeopleInput = {
  q?: string;
  unitId?: string;
  includeSubunits?: boolean;
  status?: PeopleStatus;
  page?: number;
  pageSize?: number;
};
