// Unit kinds are labels for display and filtering, never levels: the tree may have any depth and
// any kind may sit under any other (Vietnam reorganised local government in 2025 and will again).
export const UNIT_KINDS = [
  "PROVINCE", // UBND tỉnh / the province itself
  "AGENCY", // Sở, ban, ngành
  "CITY", // UBND thành phố
  "DISTRICT", // UBND huyện / thị xã
  "WARD", // UBND phường
  "COMMUNE", // UBND xã
  "TOWNSHIP", // UBND thị trấn
  "OTHER",
] as const;

export type UnitKind = (typeof UNIT_KINDS)[number];

export function isUnitKind(value: string): value is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(value);
}
