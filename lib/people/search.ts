import { foldForSearch } from "@/lib/text";

/**
 * The words of a people search, folded like User.searchText ("Nguyễn  VĂN" → ["nguyen", "van"]).
 * At most 8 words are used.
 */
export function searchWords(q: string): string[] {
  return foldForSearch(q).split(" ").filter(Boolean).slice(0, 8);
}

/**
 * A PostgreSQL regular expression (`searchText ~ pattern`) matching `word` at the start of a word
 * of searchText: after its beginning, a space or any other non-alphanumeric (the ".", "@", "-" of
 * an e-mail). So "an" finds "An" and "Anh" but not the "an" inside "Văn" or "Thanh"; "phuyen"
 * finds "…@phuyen.gov.vn"; "0905" finds a phone number. See docs/decisions/010.
 */
export function wordStartPattern(word: string): string {
  return `(^|[^a-z0-9])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
}

/** `text` as a literal inside a LIKE pattern (backslash is LIKE's default escape). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
