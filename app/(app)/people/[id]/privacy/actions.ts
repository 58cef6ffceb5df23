"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/forms/action";
import { anonymisePerson } from "@/lib/privacy/anonymise";
import { anonymiseInput } from "@/lib/privacy/schemas";

export const anonymiseAction = formAction(
  anonymiseInput,
  async (viewer, input) => {
    await anonymisePerson(viewer, input);
    revalidatePath("/", "layout");
    return { messageKey: "privacy.anonymise.done", redirectTo: `/people/${input.id}/privacy?done=1` };
  },
  { name: "person.anonymise" },
);
