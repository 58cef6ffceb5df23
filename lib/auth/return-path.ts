/**
 * Where to go back after signing in (`/login?next=…`): a path of this site only — it starts with
 * a single "/", has no backslash, no control characters and no scheme, so `next=//evil.example`
 * or `next=https://…` can never send a person elsewhere (an open redirect). Null otherwise.
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 1000) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null;
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  if (value === "/login" || value.startsWith("/login?") || value.startsWith("/api/")) return null;
  try {
    const url = new URL(value, "http://taphuan.invalid");
    return url.origin === "http://taphuan.invalid" ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}
