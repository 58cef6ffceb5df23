"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/forms/action";
import { resendInvitation, setPersonActive, updatePerson } from "@/lib/people/commands";
import { personIdInput, setPersonActiveInput, updatePersonInput } from "@/lib/people/schemas";

export const updatePersonAction = formAction(updatePersonInput, async (viewer, { id, ...input }) => {
  const { changed } = await updatePerson(viewer, id, input);
  revalidatePath("/people", "layout");
  revalidatePath("/units", "layout");
  return { messageKey: changed.length > 0 ? "people.saved" : "people.unchanged" };
}, { name: "person.update" });

export const setPersonActiveAction = formAction(setPersonActiveInput, async (viewer, { id, active }) => {
  const result = await setPersonActive(viewer, id, active);
  revalidatePath("/people", "layout");
  revalidatePath("/units", "layout");
  if (!result.changed) return { messageKey: "people.statusUnchanged" };
  return { messageKey: active ? "people.reactivated" : "people.deactivated" };
}, { name: "person.setActive" });

export const resendInvitationAction = formAction(personIdInput, async (viewer, { id }) => {
  const { email } = await resendInvitation(viewer, id);
  revalidatePath(`/people/${id}`);
  return { messageKey: "people.inviteResent", params: { email } };
}, { name: "person.inviteResent" });
