/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ → d, spaces collapsed.
 * "Nguyễn Văn An" → "nguyen van an". The migration that added User.searchText does the same in SQL.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The search column of a person: every field someone may search by. */
export function personSearchText(p: { fullName: string; email: string; position?: string | null; phone?: string | null }): string {
  return foldForSearch([p.fullName, p.email, p.position ?? "", p.phone ?? ""].join(" "));
}
