"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/forms/action";
import { getT } from "@/lib/i18n/server";
import { grantRole, revokeRole } from "@/lib/roles/commands";
import { grantRoleInput, revokeRoleInput } from "@/lib/roles/schemas";

export const grantRoleAction = formAction(grantRoleInput, async (viewer, input) => {
  const grant = await grantRole(viewer, input);
  const t = await getT();
  revalidatePath(`/people/${input.userId}`, "layout");
  return { messageKey: "roles.granted", params: { role: t(`role.${grant.role}`), unit: grant.unit.name } };
}, { name: "role.grant" });

export const revokeRoleAction = formAction(revokeRoleInput, async (viewer, input) => {
  const revoked = await revokeRole(viewer, input);
  const t = await getT();
  revalidatePath(`/people/${revoked.userId}`, "layout");
  return { messageKey: "roles.revoked", params: { role: t(`role.${revoked.role}`), unit: revoked.unit.name } };
}, { name: "role.revoke" });
