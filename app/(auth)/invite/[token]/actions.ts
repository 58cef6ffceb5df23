"use server";

import { acceptInvitation } from "@/lib/accounts/commands";
import { publicFormAction } from "@/lib/forms/action";
import { acceptInvitationInput } from "@/lib/accounts/schemas";

export const acceptInvitationAction = publicFormAction(acceptInvitationInput, async (input, ctx) => {
  await acceptInvitation(input, { ip: ctx.ip });
  return { messageKey: "accounts.invite.done", redirectTo: "/login?done=invite" };
});
