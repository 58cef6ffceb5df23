"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/forms/action";
import { updateOwnProfile } from "@/lib/people/commands";
import { updateProfileInput } from "@/lib/people/schemas";

export const updateProfileAction = formAction(updateProfileInput, async (viewer, input) => {
  await updateOwnProfile(viewer, input);
  revalidatePath("/", "layout");
  return { messageKey: "profile.saved" };
});
