import { headers } from "next/headers";
import { env } from "@/lib/env";
import { PEER_HEADER, peerHeaderInstalled } from "./peer";

type HeaderGetter = (name: string) => string | null | undefined;

/** Only address characters are kept (an IPv4 or IPv6 address), at most 64. */
function cleanAddress(value: string | null | undefined): string | null {
  return (value ?? "").trim().replace(/[^0-9A-Fa-f:.]/g, "").slice(0, 64) || null;
}

/**
 * The client address, for throttling and the audit log (docs/decisions/024).
 * - TRUST_PROXY=1: the first hop of X-Forwarded-For, which the reverse proxy in front overwrites.
 * - Otherwise X-Forwarded-For is the client's own words and is never read: the address is the TCP
 *   peer, which the server writes into its own header on every request (lib/http/peer.ts),
 *   overwriting anything the client sent. Null when that hook is not installed (outside the
 *   Next.js server), never a value the client chose.
 */
export function clientIpFrom(get: HeaderGetter, trustProxy = env().TRUST_PROXY === "1"): string | null {
  if (trustProxy) return cleanAddress(get("x-forwarded-for")?.split(",")[0]);
  if (!peerHeaderInstalled()) return null;
  return cleanAddress(get(PEER_HEADER));
}

/** The client address of the current request (server components, actions, route handlers). */
export async function requestIp(): Promise<string | null> {
  try {
    const h = await headers();
    return clientIpFrom((name) => h.get(name));
  } catch {
    return null; // outside a request
  }
}
