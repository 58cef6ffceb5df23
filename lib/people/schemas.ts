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
