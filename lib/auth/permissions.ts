import type { Role } from "@/lib/db/generated/enums";

/**
 * The one map from roles to permissions. Code checks permissions, never role names.
 * A grant gives its role's permissions over the subtree rooted at the grant's unit.
 */
export const PERMISSIONS = [
  "unit:read",
  "unit:create",
  "unit:update",
  "person:read",
  "teach", // trainer work for classes of these units (courses arrive with issue 4)
  "learn",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  PROVINCE_ADMIN: ["unit:read", "unit:create", "unit:update", "person:read"],
  UNIT_ADMIN: ["unit:read", "unit:create", "unit:update", "person:read"],
  TRAINER: ["teach"],
  LEARNER: ["learn"],
};

export const ROLES_BY_RANK: readonly Role[] = ["PROVINCE_ADMIN", "UNIT_ADMIN", "TRAINER", "LEARNER"];
