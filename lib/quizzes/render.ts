import { marked } from "marked";
import { sanitizeRichText } from "@/lib/courses/sanitize";
import type { RichText, TextFormat } from "./question-types";

/**
 * Question texts keep their source format (GIFT's markers); this is the one place that turns one
 * into HTML a page may render (docs/decisions/080-quizzes.md). Every format ends in the same
 * sanitiser as lesson texts, which here also keeps images stored by this site
 * (`/api/question-files/<id>`), and nothing else.
 */
const QUESTION_IMAGE = /^\/api\/question-files\/[0-9a-f-]{36}$/;

export function isQuestionImageSrc(src: string): boolean {
  return QUESTION_IMAGE.test(src);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Sanitised HTML for a text in one of the four formats. */
export function renderText(text: string, format: TextFormat): string {
  const clean = (html: string) => sanitizeRichText(html, { images: isQuestionImageSrc });
  switch (format) {
    case "html":
      return clean(text);
    case "markdown":
      return clean(marked.parse(text, { async: false, gfm: true }));
    case "moodle":
      // Moodle's auto-format: HTML allowed, line breaks kept.
      return clean(text.replace(/\r?\n/g, "<br>"));
    case "plain":
      return escapeHtml(text.normalize("NFC")).replace(/\r?\n/g, "<br>");
  }
}

export function renderRich(rich: RichText | undefined | null): string {
  return rich ? renderText(rich.text, rich.format) : "";
}
