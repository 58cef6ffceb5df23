/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ → d, spaces collapsed.
 * "Nguyễn Văn An" → "nguyen van an". The migration that added User.searchText does the same in SQL.
 */
export function foldForSearch(text: string): string {
  return stripDiacritics(text)
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Vietnamese text without diacritics, case kept: "Đà Nẵng" → "Da Nang" (NFC in, NFC out). */
export function stripDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

/** The search column of a person: every field someone may search by. */
export function personSearchText(p: { fullName: string; email: string; position?: string | null; phone?: string | null }): string {
  return foldForSearch([p.fullName, p.email, p.position ?? "", p.phone ?? ""].join(" "));
}
