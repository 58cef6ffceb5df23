import type { people as vi } from "../vi/people";

export const people: Record<keyof typeof vi, string> = {
  "people.title": "Official",
  "people.fullName": "Full name",
  "people.email": "E-mail",
  "people.phone": "Phone number",
  "people.position": "Position",
  "people.rank": "Civil service rank",
  "people.category": "Category",
  "people.unit": "Unit",
  "people.roles": "Roles",
  "people.status": "Account status",
  "people.active": "Active",
  "people.inactive": "Deactivated",
  "people.noCategory": "Not set",
  "profile.title": "My profile",
  "profile.intro": "These details appear on certificates and training reports. Your unit is maintained by your unit admin.",
  "profile.save": "Save profile",
  "profile.saved": "Profile saved.",
  "profile.unitReadonly": "Only a unit admin can change your unit.",
  "profile.chooseCategory": "— Choose —",
};
