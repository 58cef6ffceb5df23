import type { MessageKey } from "@/lib/i18n/messages";
import type { QuestionDraft } from "../question-types";

/**
 * What the question file formats (GIFT, Aiken, XLSX) give back: one item per question found,
 * each with the line (or spreadsheet row) where it starts, and the problems found
 * (docs/decisions/081-gift-aiken-xlsx.md).
 *
 * An item whose `draft` is null cannot be imported: its problems say why. An item with a draft
 * AND problems imports, and its problems are notes on what was left out (e.g. a GIFT feature we
 * do not keep). File-level problems (not a text file, too large, no questions…) are in
 * `ImportResult.problems`; a file with one usually has no items.
 *
 * Ids inside a draft's data are assigned in order on import: choice options `o1, o2, …`,
 * short-answer and numerical answers `a1, a2, …`, matching pairs `p1, p2, …`.
 */
export type ImportProblem = { line: number; key: MessageKey; params?: Record<string, string | number> };
export type ImportItem = { line: number; name: string; draft: QuestionDraft | null; problems: ImportProblem[] };
export type ImportResult = { items: ImportItem[]; problems: ImportProblem[] /* file-level */ };

/** Most questions one file may hold; beyond it the file is refused (split it). */
export const MAX_IMPORT_QUESTIONS = 5_000;
