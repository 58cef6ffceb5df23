import { noteRefusal } from "@/lib/audit/request";
import { acting, getViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError, type ErrorCode } from "@/lib/errors";
import { DEFAULT_LOCALE, translator, type Locale, type Translate } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server";
import { assertSameOrigin } from "./same-origin";

/*
 * The one way to write a route handler (app/api/**\/route.ts), as `formAction` is for forms
 * (docs/decisions/012-route-handlers.md): the same-origin check for state-changing methods, the
 * viewer resolved, the handler run, and every error answered with one body shape and the one
 * status mapping of lib/errors.ts, its message translated into the request's language.
 */

export const NO_STORE = { "Cache-Control": "no-store" } as const;

/** Every error a route handler answers: `{ error: { code, message, field? } }`. */
export type ErrorBody = { error: { code: ErrorCode | "INTERNAL"; message: string; field?: string } };

/** Methods that change nothing; every other one must come from our own pages. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * An error as its response: an AppError with its code's status (lib/errors.ts ERROR_STATUS) and
 * its message translated; anything else a generic 500 (logged, never shown). Never cached.
 */
export function errorResponse(e: unknown, t: Translate): Response {
  if (e instanceof AppError) {
    const body: ErrorBody = { error: { code: e.code, message: t(e.messageKey, e.params), ...(e.field ? { field: e.field } : {}) } };
    const headers: Record<string, string> = { ...NO_STORE };
    if (e.code === "RATE_LIMITED" && typeof e.params?.retryAfterSeconds === "number") headers["Retry-After"] = String(e.params.retryAfterSeconds);
    return Response.json(body, { status: e.status, headers });
  }
  console.error("route handler failed", e instanceof Error ? e.stack : e);
  const body: ErrorBody = { error: { code: "INTERNAL", message: t("errors.generic") } };
  return Response.json(body, { status: 500, headers: NO_STORE });
}

/**
 * Who may call the route: `signedIn` (the default: the acting viewer, refused with 401 when signed
 * out and 403 while a password someone else chose must change), `optional` (the viewer or null;
 * the handler decides), `public` (no session at all: the request carries its own credential).
 */
export type Access = "signedIn" | "optional" | "public";
type ViewerOf<A extends Access> = A extends "signedIn" ? Viewer : A extends "optional" ? Viewer | null : null;

export type RouteSpec<A extends Access> = {
  /** The route's name in the refused-access log ("files.upload"). */
  name: string;
  access?: A;
  /**
   * `false` only for a route whose request carries its own secret (the e2e support route's
   * token): no cookie authorises it, so a cross-site request gains nothing.
   */
  sameOrigin?: false;
};

export type RouteContext<P, A extends Access> = {
  request: Request;
  params: P;
  viewer: ViewerOf<A>;
  locale: Locale;
  t: Translate;
};

export type RouteHandler<P, A extends Access> = (ctx: RouteContext<P, A>) => Promise<Response> | Response;

/** Where the wrapper finds the session and the language: Next.js's request in the app, given directly in tests. */
export type RouteEnv = { viewer: () => Promise<Viewer | null>; locale: () => Promise<Locale> };

const nextEnv: RouteEnv = {
  viewer: getViewer,
  // Outside a request (a route called directly by a test or a script) there is no cookie: Vietnamese.
  locale: () => getLocale().catch(() => DEFAULT_LOCALE),
};

/** The wrapper's work for one request; `apiRoute` binds it to Next.js, tests call it with their own viewer. */
export async function handleRoute<P, A extends Access = "signedIn">(
  request: Request,
  params: P,
  spec: RouteSpec<A>,
  handler: RouteHandler<P, A>,
  env: RouteEnv = nextEnv,
): Promise<Response> {
  const locale = await env.locale();
  const t = translator(locale);
  const access: Access = spec.access ?? "signedIn";
  let viewer: Viewer | null = null;
  try {
    if (spec.sameOrigin !== false && !SAFE_METHODS.has(request.method.toUpperCase())) assertSameOrigin(request);
    if (access !== "public") viewer = await env.viewer();
    if (access === "signedIn") acting(viewer);
    return await handler({ request, params, viewer: viewer as ViewerOf<A>, locale, t });
  } catch (e) {
    const id = (params as { id?: unknown } | undefined)?.id;
    if (viewer) await noteRefusal(e, { via: "action", action: spec.name, entityId: typeof id === "string" ? id : null, viewer });
    return errorResponse(e, t);
  }
}

/**
 * A route handler: `export const POST = apiRoute({ name: "calendar.feedRotate" }, async ({ viewer }) => …)`.
 * The handler throws AppErrors for refusals; it never writes its own try/catch for them.
 */
export function apiRoute<P = Record<string, never>, A extends Access = "signedIn">(spec: RouteSpec<A>, handler: RouteHandler<P, A>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> =>
    handleRoute(request, (await context?.params) ?? ({} as P), spec, handler);
}
