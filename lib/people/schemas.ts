import { z } from "zod";

/** "" from an empty form field means "no value". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v));

export const personId = z.uuid();

export const updateProfileInput = z.object({
  fullName: z.string().trim().min(2).max(120),
  phone: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s.]/g, ""))
    .pipe(z.union([z.literal(""), z.string().regex(/^(\+84|0)\d{9,10}$/, { message: "validation.phone" })]))
    .transform((v) => (v === "" ? null : v)),
  position: optionalText(120),
  rank: optionalText(120),
  category: z
    .enum(["", "CAN_BO", "CONG_CHUC", "VIEN_CHUC"])
    .transform((v) => (v === "" ? null : v)),
});
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;
