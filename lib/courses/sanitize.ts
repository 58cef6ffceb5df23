import sanitizeHtml from "sanitize-html";

/**
 * Rich text of TEXT lessons (docs/decisions/060-courses.md). Trainers paste from Word and web
 * pages; learners' browsers render the result with dangerouslySetInnerHTML, so only a small,
 * inert set survives: structure and emphasis, links (http, https, mailto; opened in a new tab
 * without an opener), simple tables and code. Everything else — script, style, iframe, object,
 * forms, images, every `on…` handler, `style` and `class` — is removed. It runs on the way into
 * the database; pages render the stored value only.
 */
const ALLOWED_TAGS = [
  "p", "br", "strong", "b", "em", "i", "u", "s", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
  "a", "table", "thead", "tbody", "tr", "th", "td", "caption", "code", "pre",
];

const SAFE_SCHEMES = ["http", "https", "mailto"];

/** Characters a browser ignores inside a URL scheme (tabs, newlines, controls, spaces). */
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f-\u009f]/g;

/** True when `href` is an http(s) or mailto address, after decoding what a browser would. */
export function isSafeHref(href: string): boolean {
  const decoded = decodeEntities(href).replace(IGNORED_IN_SCHEME, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(decoded)?.[1]?.toLowerCase();
  return scheme !== undefined && SAFE_SCHEMES.includes(scheme);
}

/** Numeric and a few named character references, as an HTML parser would decode an attribute. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Math.min(parseInt(dec, 10), 0x10ffff)))
    .replace(/&(tab|newline|colon);/gi, (_, name: string) => ({ tab: "\t", newline: "\n", colon: ":" })[name.toLowerCase()] ?? "");
}

/**
 * `images`: question texts may show images stored by this site; the test says which `src` is one
 * (lib/quizzes/render.ts). Any other image is removed.
 */
export function sanitizeRichText(html: string, options: { images?: (src: string) => boolean } = {}): string {
  const images = options.images;
  return sanitizeHtml(html.normalize("NFC"), {
    allowedTags: images ? [...ALLOWED_TAGS, "img"] : ALLOWED_TAGS,
    // rel and target are set by transformTags below, never taken from the input.
    allowedAttributes: {
      a: ["href", "rel", "target"],
      th: ["colspan", "rowspan", "scope"],
      td: ["colspan", "rowspan"],
      ...(images ? { img: ["src", "alt", "width", "height"] } : {}),
    },
    exclusiveFilter: images ? (frame) => frame.tag === "img" && !images(frame.attribs.src ?? "") : undefined,
    allowedSchemes: SAFE_SCHEMES,
    allowedSchemesAppliedToAttributes: ["href"],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    // Their text is code, not content: dropped with the tag.
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "template", "title"],
    transformTags: {
      a: (_tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
        const href = attribs.href ?? "";
        // A link to nowhere safe keeps its text and loses its address (an inert <a> without href).
        if (!isSafeHref(href)) return { tagName: "a", attribs: {} as sanitizeHtml.Attributes };
        return { tagName: "a", attribs: { href: href.trim(), rel: "noopener noreferrer", target: "_blank" } };
      },
      b: "strong",
      i: "em",
      h1: "h2",
    },
  }).trim();
}

/** The visible text of sanitised HTML: to tell an empty editor from a lesson with content. */
export function plainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/&nbsp;/g, " ").trim();
}
