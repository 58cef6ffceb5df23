"use server";

import { requestPasswordReset } from "@/lib/accounts/commands";
import { publicFormAction } from "@/lib/forms/action";
import { requestResetInput } from "@/lib/accounts/schemas";

/** Always the same answer, whether or not the address has an account. */
export const requestResetAction = publicFormAction(requestResetInput, async (input, ctx) => {
  await requestPasswordReset(input, { ip: ctx.ip });
  return { messageKey: "accounts.forgot.sent" };
});
