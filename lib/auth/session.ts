import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { RETURN_HEADER } from "@/lib/audit/path-header";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";
import { safeReturnPath } from "./return-path";
import { viewerOfSession, type Viewer } from "./viewer";

/** Where a viewer with `mustChangePassword` is sent until they have chosen their own password. */
export const CHANGE_PASSWORD_PATH = "/change-password";

/** The viewer of the current request, loaded once per request; null when signed out. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions());
  return viewerOfSession(session);
});

/**
 * For pages: the viewer, or a redirect to the sign-in page. A viewer who still has a password
 * someone else chose is sent to the change-password page instead of any other page.
 */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(await loginPath());
  if (viewer.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  return viewer;
}

/** The sign-in page, asked to come back to the requested page (a QR check-in link, a shared URL). */
async function loginPath(): Promise<string> {
  const back = safeReturnPath((await headers()).get(RETURN_HEADER));
  return back && back !== "/" ? `/login?next=${encodeURIComponent(back)}` : "/login";
}

/** For the change-password page only: signed in, whether or not the password must change. */
export async function requireViewerForPasswordChange(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return viewer;
}

/**
 * For server actions and route handlers: the viewer, or an UNAUTHENTICATED error; FORBIDDEN
 * while the viewer must still change a password someone else chose.
 */
export async function actingViewer(): Promise<Viewer> {
  return acting(await getViewer());
}

/** The rule of `actingViewer` for a viewer already loaded (lib/http/route.ts). */
export function acting(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError("UNAUTHENTICATED", "errors.unauthenticated");
  if (viewer.mustChangePassword) throw new AppError("FORBIDDEN", "accounts.change.required");
  return viewer;
}

/** For the change-password action only: like actingViewer, but allowed while the password must change. */
export async function actingViewerForPasswordChange(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "errors.unauthenticated");
  return viewer;
}
