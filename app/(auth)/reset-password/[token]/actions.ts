"use server";

import { resetPassword } from "@/lib/accounts/commands";
import { publicFormAction } from "@/lib/forms/action";
import { resetPasswordInput } from "@/lib/accounts/schemas";

export const resetPasswordAction = publicFormAction(resetPasswordInput, async (input, ctx) => {
  await resetPassword(input, { ip: ctx.ip });
  return { messageKey: "accounts.reset.done", redirectTo: "/login?done=reset" };
});
