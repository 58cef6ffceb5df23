"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/forms/action";
import { createUnit, deactivateUnit, mergeUnit, moveUnit, reactivateUnit, renameUnit } from "@/lib/units/commands";
import { createUnitInput, mergeUnitInput, moveUnitInput, renameUnitInput, setUnitActiveInput } from "@/lib/units/schemas";

export const renameUnitAction = formAction(renameUnitInput, async (viewer, input) => {
  await renameUnit(viewer, input);
  revalidatePath("/units", "layout");
  return { messageKey: "units.renamed" };
}, { name: "unit.rename" });

export const createUnitAction = formAction(createUnitInput, async (viewer, input) => {
  const unit = await createUnit(viewer, input);
  revalidatePath("/units", "layout");
  return { messageKey: "units.created", params: { name: unit.name } };
}, { name: "unit.create" });

export const moveUnitAction = formAction(moveUnitInput, async (viewer, input) => {
  const { unit, parent } = await moveUnit(viewer, input);
  revalidatePath("/units", "layout");
  return { messageKey: "units.moved", params: { name: unit.name, parent: parent.name } };
}, { name: "unit.move" });

/** One action for both directions, so the form keeps its message when the page flips. */
export const setUnitActiveAction = formAction(setUnitActiveInput, async (viewer, input) => {
  if (input.active) await reactivateUnit(viewer, { id: input.id });
  else await deactivateUnit(viewer, { id: input.id });
  revalidatePath("/units", "layout");
  return { messageKey: input.active ? "units.reactivated" : "units.deactivated" };
}, { name: "unit.setActive" });

/** After a merge the receiving unit's page opens and says what happened. */
export const mergeUnitAction = formAction(mergeUnitInput, async (viewer, input) => {
  const result = await mergeUnit(viewer, input);
  revalidatePath("/units", "layout");
  return {
    messageKey: "units.mergedRecently",
    params: { source: result.source.name, target: result.target.name },
    redirectTo: `/units/${result.target.id}?merged=${result.source.id}`,
  };
}, { name: "unit.merge" });
