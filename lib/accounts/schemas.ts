import { z } from "zod";

/** A token from a link; its shape is checked again before any lookup (tokens.ts). */
export const linkToken = z.string().max(200);

/** New passwords: the length and dictionary rules need the person, so they run in the command. */
const newPassword = z.string().min(1, { message: "validation.required" }).max(1000);

const confirm = z.string().max(1000);
const matching = (v: { password: string; confirm: string }) => v.password === v.confirm;
const mismatch = { message: "accounts.password.mismatch", path: ["confirm"] };

export const acceptInvitationInput = z.object({ token: linkToken, password: newPassword, confirm }).refine(matching, mismatch);
export type AcceptInvitationInput = z.infer<typeof acceptInvitationInput>;

export const resetPasswordInput = z.object({ token: linkToken, password: newPassword, confirm }).refine(matching, mismatch);
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;

export const changePasswordInput = z
  .object({ current: z.string().min(1, { message: "validation.required" }).max(1000), password: newPassword, confirm })
  .refine(matching, mismatch);
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const requestResetInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, { message: "validation.required" })
    .max(254)
    .pipe(z.email({ message: "validation.email" })),
});
export type RequestResetInput = z.infer<typeof requestResetInput>;
