"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/forms/action";
import { markRead } from "@/lib/notifications/queries";

export const markReadAction = formAction(z.object({ id: z.uuid().optional().or(z.literal("").transform(() => undefined)) }), async (viewer, { id }) => {
  await markRead(viewer, id);
  revalidatePath("/notifications");
  return { messageKey: "notifications.marked" };
}, { name: "notification.markRead" });
