import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

export type NotificationRow = { id: string; kind: string; title: string; body: string; link: string | null; createdAt: Date; readAt: Date | null };

/** The viewer's own notifications, newest first (a page of `take`). */
export async function listMyNotifications(viewer: Viewer, opts: { take?: number } = {}): Promise<NotificationRow[]> {
  return db().notification.findMany({
    where: { userId: viewer.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(opts.take ?? 50, 1), 200),
    select: { id: true, kind: true, title: true, body: true, link: true, createdAt: true, readAt: true },
  });
}

/** How many of the viewer's notifications are unread (for the bell). */
export async function unreadCount(viewer: Viewer): Promise<number> {
  return db().notification.count({ where: { userId: viewer.userId, readAt: null } });
}

/** Marks one of the viewer's notifications (or all, without an id) read. Another person's id changes nothing. */
export async function markRead(viewer: Viewer, id?: string): Promise<{ changed: number }> {
  const { count } = await db().notification.updateMany({
    where: { userId: viewer.userId, readAt: null, ...(id ? { id } : {}) },
    data: { readAt: new Date() },
  });
  return { changed: count };
}
