// Test-only: calling the route wrapper (lib/http/route.ts) with a viewer made by the factories,
// where Next.js would find the session and the language cookie.
import type { Viewer } from "@/lib/auth/viewer";
import type { RouteEnv } from "@/lib/http/route";
import type { Locale } from "@/lib/i18n/messages";

export function asViewer(viewer: Viewer | null, locale: Locale = "en"): RouteEnv {
  return { viewer: async () => viewer, locale: async () => locale };
}
