import { z } from "zod";
import { notFound } from "@/lib/errors";

// Shared by the bank route handlers (not a route itself: only route.ts files are).

/** A route's bank id: not even a UUID is simply not found (404), like an unknown one. */
export function routeId(value: string): string {
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
