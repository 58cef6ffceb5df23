import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER, RETURN_HEADER } from "@/lib/audit/path-header";

/**
 * Tells server code which path was requested (x-taphuan-path), so that a refused access can be
 * logged with its path (lib/audit/request.ts), and the path with its query (x-taphuan-return),
 * so that a signed-out visitor comes back to it after signing in (lib/auth/session.ts). The header is always overwritten: never trusted from
 * the client. Keep this file small; it runs before every page and server action.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, request.nextUrl.pathname);
  headers.set(RETURN_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Not the file uploads (api/courses/<id>/files, api/banks/<id>/files): Next copies a proxied
  // request's body into memory and cuts it at 10 MB (experimental.proxyClientMaxBodySize). Those
  // routes name their own refusals for the access log (docs/decisions/061).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/auth|api/health|api/courses/[^/]+/files$|api/banks/[^/]+/files$).*)"],
};
