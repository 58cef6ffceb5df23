"use server";

import { changeOwnPassword } from "@/lib/accounts/commands";
import { passwordChangeAction } from "@/lib/forms/action";
import { changePasswordInput } from "@/lib/accounts/schemas";
import { reissueSessionCookie } from "@/lib/accounts/session-cookie";

/**
 * Works while every other action refuses a viewer who must change their password. The change
 * raises sessionVersion (other sessions end); this session's cookie is re-issued with the new
 * version so the person stays signed in here (docs/decisions/022).
 */
export const changePasswordAction = passwordChangeAction(changePasswordInput, async (viewer, input, ctx) => {
  const { sessionVersion } = await changeOwnPassword(viewer, input, { ip: ctx.ip });
  const kept = await reissueSessionCookie(viewer.userId, sessionVersion);
  if (!kept) return { messageKey: "accounts.change.done", redirectTo: "/login" };
  if (viewer.mustChangePassword) return { messageKey: "accounts.change.done", redirectTo: "/" };
  return { messageKey: "accounts.change.done" };
});
