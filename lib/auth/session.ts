import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";
import { loadViewer, type Viewer } from "./viewer";

/** The viewer of the current request, loaded once per request; null when signed out. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.userId) return null;
  return loadViewer(session.userId, session.sv);
});

/** For pages: the viewer, or a redirect to the sign-in page. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return viewer;
}

/** For server actions and route handlers: the viewer, or an UNAUTHENTICATED error. */
export async function actingViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "errors.unauthenticated");
  return viewer;
}
