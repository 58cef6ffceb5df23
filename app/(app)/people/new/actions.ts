"use server";

import { revalidatePath } from "next/cache";
import { formAction, type ActionResult } from "@/lib/forms/action";
import { createPerson, type CreatedPerson } from "@/lib/people/commands";
import { createPersonInput } from "@/lib/people/schemas";
import type { CreatePersonState } from "./state";

/**
 * formAction does the parsing, the viewer and the error messages; this wrapper only adds the new
 * account to the state, so that the initial password can be shown once, to this admin, now.
 */
export async function createPersonAction(prev: CreatePersonState, formData: FormData): Promise<CreatePersonState> {
  let created: CreatedPerson | undefined;
  const run = formAction(createPersonInput, async (viewer, { mode, ...person }): Promise<ActionResult> => {
    created = await createPerson(viewer, person, mode);
    revalidatePath("/people", "layout");
    revalidatePath("/units", "layout");
    if (created.initialPassword) return { messageKey: "people.createdPassword", params: { name: created.fullName } };
    return { messageKey: "people.createdInvite", params: { name: created.fullName, email: created.email } };
  }, { name: "person.create" });
  const state = await run(prev, formData);
  if (state.status !== "ok" || !created) return state;
  const { id, fullName, initialPassword } = created as CreatedPerson;
  return { ...state, created: { id, fullName, initialPassword } };
}
