"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/forms/action";
import { addPlanItem, approvePlan, createPlan, deletePlanItem, movePlanItem, renamePlan, setPlanQuota, updatePlanItem } from "@/lib/plans/commands";
import {
  addItemInput,
  approvePlanInput,
  createPlanInput,
  deleteItemInput,
  moveItemInput,
  renamePlanInput,
  setQuotaInput,
  updateItemInput,
} from "@/lib/plans/schemas";

const refresh = () => revalidatePath("/plans", "layout");

export const createPlanAction = formAction(createPlanInput, async (viewer, input) => {
  const { id } = await createPlan(viewer, input);
  refresh();
  return { messageKey: "plans.created", redirectTo: `/plans/${id}` };
}, { name: "plan.create" });

export const renamePlanAction = formAction(renamePlanInput, async (viewer, input) => {
  const { changed } = await renamePlan(viewer, input);
  refresh();
  return { messageKey: changed ? "plans.renamed" : "plans.unchanged" };
}, { name: "plan.rename" });

export const approvePlanAction = formAction(approvePlanInput, async (viewer, { id }) => {
  await approvePlan(viewer, id);
  refresh();
  return { messageKey: "plans.approved" };
}, { name: "plan.approve" });

export const addItemAction = formAction(addItemInput, async (viewer, { planId, ...input }) => {
  await addPlanItem(viewer, planId, input);
  refresh();
  return { messageKey: "plans.itemAdded", redirectTo: `/plans/${planId}` };
}, { name: "plan.item.create" });

export const updateItemAction = formAction(updateItemInput, async (viewer, { itemId, ...input }) => {
  const { changed } = await updatePlanItem(viewer, itemId, input);
  refresh();
  return { messageKey: changed ? "plans.itemSaved" : "plans.unchanged" };
}, { name: "plan.item.update" });

export const deleteItemAction = formAction(deleteItemInput, async (viewer, { itemId, reason }) => {
  const { planId } = await deletePlanItem(viewer, itemId, { reason });
  refresh();
  return { messageKey: "plans.itemDeleted", redirectTo: `/plans/${planId}` };
}, { name: "plan.item.delete" });

export const moveItemAction = formAction(moveItemInput, async (viewer, { itemId, direction }) => {
  const { changed } = await movePlanItem(viewer, itemId, direction);
  refresh();
  return { messageKey: changed ? "plans.moved" : "plans.unchanged" };
}, { name: "plan.item.move" });

export const setQuotaAction = formAction(setQuotaInput, async (viewer, input) => {
  const { changed } = await setPlanQuota(viewer, input);
  refresh();
  return { messageKey: changed ? "plans.quotaSaved" : "plans.unchanged" };
}, { name: "plan.quota.set" });
