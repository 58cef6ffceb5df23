import http from "node:http";

/** The header in which the server itself writes the TCP peer's address (lib/http/client-ip.ts). */
export const PEER_HEADER = "x-taphuan-peer";

const INSTALLED = Symbol.for("taphuan.peerHeader");
type Flagged = { [INSTALLED]?: boolean };

/** True once `installPeerHeader` ran in this process: only then is PEER_HEADER ours, not the client's. */
export function peerHeaderInstalled(): boolean {
  return (globalThis as Flagged)[INSTALLED] === true;
}

/**
 * Next.js gives route code no access to the socket, and fills X-Forwarded-For from it only when
 * the client sent none — so without a trusted proxy that header is whatever the client wrote.
 * This writes the socket's remote address into PEER_HEADER on every incoming request, before
 * Next.js sees it, overwriting any value the client sent. Called once by instrumentation.ts.
 */
export function installPeerHeader(): void {
  if (peerHeaderInstalled()) return;
  const proto = http.Server.prototype as unknown as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
  (globalThis as Flagged)[INSTALLED] = true;
}
