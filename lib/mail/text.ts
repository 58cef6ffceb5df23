/** A mail text cut into plain text and links, for showing it with clickable links. */
export type TextPart = { kind: "text"; text: string } | { kind: "link"; href: string } | { kind: "hidden" };

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
/** Links that carry an account token: following one sets someone's password. */
const SECRET_LINK = /\/(invite|reset-password)\/[^/?#\s]+/;

export function isSecretLink(href: string): boolean {
  return SECRET_LINK.test(href);
}

/**
 * Splits `text` at http(s) links. With `revealSecrets` false, links carrying an account token
 * become { kind: "hidden" }, so the token never leaves the server. Pure.
 */
export function splitMailText(text: string, revealSecrets: boolean): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    let href = match[0];
    // Sentence punctuation right after a link is not part of it.
    const trailing = /[.,;:!?)]+$/.exec(href)?.[0] ?? "";
    href = href.slice(0, href.length - trailing.length);
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    parts.push(!revealSecrets && isSecretLink(href) ? { kind: "hidden" } : { kind: "link", href });
    last = start + href.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}
