import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The client address from X-Forwarded-For: the last hop (the one our own server saw), or the
 * first one when a trusted reverse proxy in front overwrites the header (TRUST_PROXY=1).
 * Only address characters are kept. Used for throttling and the audit log only.
 */
export function ipFromForwardedFor(value: string | null | undefined): string | null {
  if (!value) return null;
  const parts = value.split(",").map((p) => p.trim()).filter(Boolean);
  const ip = (env().TRUST_PROXY === "1" ? parts[0] : parts[parts.length - 1]) ?? "";
  return ip.replace(/[^0-9A-Fa-f:.]/g, "").slice(0, 64) || null;
}

/** The client address of the current request (server components, actions, route handlers). */
export async function requestIp(): Promise<string | null> {
  try {
    return ipFromForwardedFor((await headers()).get("x-forwarded-for"));
  } catch {
    return null; // outside a request
  }
}
