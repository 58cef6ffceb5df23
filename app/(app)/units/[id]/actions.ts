"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/forms/action";
import { createUnit, renameUnit } from "@/lib/units/commands";
import { createUnitInput, renameUnitInput } from "@/lib/units/schemas";

export const renameUnitAction = formAction(renameUnitInput, async (viewer, input) => {
  await renameUnit(viewer, input);
  revalidatePath("/units", "layout");
  return { messageKey: "units.renamed" };
});

export const createUnitAction = formAction(createUnitInput, async (viewer, input) => {
  const unit = await createUnit(viewer, input);
  revalidatePath("/units", "layout");
  return { messageKey: "units.created", params: { name: unit.name } };
});
