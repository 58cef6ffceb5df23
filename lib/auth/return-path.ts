/** A placeholder origin: only used to let the WHATWG URL parser normalise a path. */
const BASE = "http://taphuan.invalid";

/** Control characters, C1 controls and every kind of space (the URL parser drops tabs and line breaks). */
const UNSAFE_CHARS = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/;

/** Decodes %XX escapes once; null when the escapes are malformed. */
function decodeOnce(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * A path that a browser, a router or a proxy could read as "another site": it starts with two
 * slashes (protocol-relative), holds a backslash (browsers read "\" as "/"), or spells either
 * with percent escapes. Checked on the normalised path, once decoded, so that `/.//x`,
 * `/%2e%2e//x` and `/%2f%2fx` are caught as well as `//x`.
 */
function looksExternal(path: string): boolean {
  const decoded = decodeOnce(path);
  if (decoded === null) return true;
  for (const form of [path, decoded]) {
    if (form.startsWith("//") || form.includes("\\") || UNSAFE_CHARS.test(form)) return true;
  }
  return false;
}

/** The sign-in page itself and the API are never places to come back to. */
function isExcluded(path: string): boolean {
  const p = (decodeOnce(path) ?? path).toLowerCase();
  return p === "/login" || p.startsWith("/login/") || p.startsWith("/api/") || p === "/api";
}

/**
 * Where to go back after signing in (`/login?next=…`): a path of this site only, or null.
 *
 * The check holds on the normalised path, the one the browser will actually follow: the value
 * is resolved by the WHATWG URL parser against a placeholder origin ("." and ".." segments,
 * percent-encoded dots, dropped tabs and line breaks all applied), must stay on that origin, and
 * the normalised path must itself be a plain path (no leading "//", no backslash, no control
 * character or space, even once decoded). The result is a fixed point: checking it again gives
 * it back unchanged. Fragments are dropped. Tested against a published payload corpus
 * (tests/unit/fixtures/open-redirect-payloads.txt).
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 1000) return null;
  // The raw value first: a plain absolute path, nothing the URL parser would silently drop.
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\") || UNSAFE_CHARS.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const result = `${url.pathname}${url.search}`;
  if (looksExternal(url.pathname) || isExcluded(url.pathname)) return null;
  // The normalised form must normalise to itself: no second reading can lead elsewhere.
  try {
    const again = new URL(result, BASE);
    if (again.origin !== BASE || `${again.pathname}${again.search}` !== result) return null;
  } catch {
    return null;
  }
  return result;
}
