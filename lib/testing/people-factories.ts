// Test-only, like factories.ts: writes without a viewer.
import type { Role } from "@/lib/db/generated/enums";
import { db } from "@/lib/db";
import { personSearchText } from "@/lib/text";
import { makeUser } from "./factories";

/** A person with the profile fields the people list searches by; searchText kept as lib/people keeps it. */
export async function makePerson(input: {
  unitId: string;
  fullName: string;
  email?: string;
  position?: string | null;
  phone?: string | null;
  active?: boolean;
  grants?: { role: Role; unitId: string }[];
}) {
  const user = await makeUser({ unitId: input.unitId, fullName: input.fullName, email: input.email, active: input.active, grants: input.grants });
  if (input.position === undefined && input.phone === undefined) return user;
  return db().user.update({
    where: { id: user.id },
    data: {
      position: input.position ?? null,
      phone: input.phone ?? null,
      searchText: personSearchText({ fullName: user.fullName, email: user.email, position: input.position, phone: input.phone }),
    },
  });
}
