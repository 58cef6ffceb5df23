import { notFound } from "next/navigation";
import { z } from "zod";
import { noteRefusal } from "@/lib/audit/request";
import { AppError } from "@/lib/errors";

/** A route id that is not even well-formed is simply not found. */
export function idOr404(value: string): string {
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

/**
 * Runs a lib/ query for a page; NOT_FOUND (including "outside your units") becomes the 404 page.
 * A refusal met by a signed-in viewer (NOT_FOUND or FORBIDDEN) is logged as `access.denied`
 * with the path and the object id in it, at most once a minute (lib/audit/denied.ts).
 */
export async function orNotFound<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (e) {
    await noteRefusal(e, { via: "page" });
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}
