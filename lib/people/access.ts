import { grantPermissionFor } from "@/lib/auth/permissions";
import { can, type Viewer } from "@/lib/auth/viewer";
import type { Role } from "@/lib/db/generated/enums";

/**
 * May the viewer take charge of this person's account: change the e-mail (where password resets
 * go), move them to another unit, deactivate or reactivate them?
 *
 * Only if the viewer could revoke every role the person holds. Otherwise a commune admin could
 * change the e-mail of a province admin homed in their commune, reset the password and sign in
 * as them (docs/decisions/011-people-administration.md). Plain edits (name, phone, position, rank,
 * category) need only person:update on the person's unit.
 */
export function canManageAccount(viewer: Viewer, grants: readonly { role: Role; unitId: string }[]): boolean {
  return grants.every((g) => can(viewer, grantPermissionFor(g.role), g.unitId));
}
