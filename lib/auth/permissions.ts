import type { Role } from "@/lib/db/generated/enums";

/**
 * The one map from roles to permissions. Code checks permissions, never role names.
 * A grant gives its role's permissions over the subtree rooted at the grant's unit.
 */
export const PERMISSIONS = [
  "unit:read",
  "unit:create",
  "unit:update", // rename
  "unit:move", // needed on the unit and on its new parent
  "unit:deactivate",
  "unit:merge", // needed on both units
  "person:read",
  "person:create",
  "person:update", // edit, move between units (needs it on both), deactivate
  "person:import",
  "person:anonymise",
  "role:grant-basic", // grant and revoke TRAINER, LEARNER
  "role:grant-admin", // grant and revoke UNIT_ADMIN, PROVINCE_ADMIN
  "audit:read",
  "outbox:read",
  "course:read", // every course owned by these units, drafts included
  "course:create", // create courses owned by these units (the creator becomes one of its trainers)
  "course:manage", // edit, publish, archive courses owned by these units and choose their trainers
  "catalogue:manage", // course areas (held on the province root: areas are province-wide)
  "plan:read", // training plans owned by these units, and the quotas of these units
  "plan:manage", // create, edit, approve and amend plans owned by these units
  "class:manage", // open, change and cancel classes organised by these units; approve nominations
  "class:nominate", // nominate officials of these units into classes (within the unit's quota)
  "teach", // trainer work for classes of these units
  "learn", // enrol in courses open to one's own unit
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const UNIT_ADMIN: readonly Permission[] = [
  "unit:read",
  "unit:create",
  "unit:update",
  "unit:move",
  "unit:deactivate",
  "person:read",
  "person:create",
  "person:update",
  "person:import",
  "role:grant-basic",
  "audit:read",
  "outbox:read",
  "course:read",
  "course:create",
  "course:manage",
  "plan:read",
  "class:nominate",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  PROVINCE_ADMIN: [...UNIT_ADMIN, "unit:merge", "person:anonymise", "role:grant-admin", "catalogue:manage", "plan:manage", "class:manage"],
  UNIT_ADMIN,
  TRAINER: ["teach", "course:create"],
  LEARNER: ["learn"],
};

/** Which permission granting or revoking a role needs on the grant's unit. */
export function grantPermissionFor(role: Role): Permission {
  return role === "PROVINCE_ADMIN" || role === "UNIT_ADMIN" ? "role:grant-admin" : "role:grant-basic";
}

export const ROLES_BY_RANK: readonly Role[] = ["PROVINCE_ADMIN", "UNIT_ADMIN", "TRAINER", "LEARNER"];
