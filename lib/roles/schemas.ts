import { z } from "zod";

export const ROLE_VALUES = ["PROVINCE_ADMIN", "UNIT_ADMIN", "TRAINER", "LEARNER"] as const;

export const grantRoleInput = z.object({
  userId: z.uuid(),
  role: z.enum(ROLE_VALUES, { message: "roles.chooseRoleError" }),
  unitId: z.uuid({ message: "roles.chooseUnitError" }),
});
export type GrantRoleInput = z.infer<typeof grantRoleInput>;

export const revokeRoleInput = z.object({ grantId: z.uuid() });
export type RevokeRoleInput = z.infer<typeof revokeRoleInput>;
