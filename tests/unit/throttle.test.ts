import { describe, expect, it } from "vitest";
import { THROTTLE, backoffMs, throttleKeys } from "@/lib/auth/throttle";
import { clientIpFrom } from "@/lib/http/client-ip";
import { PEER_HEADER, installPeerHeader } from "@/lib/http/peer";

describe("sign-in backoff", () => {
  it("is free at first, then doubles, then locks for the full period", () => {
    const waits = Array.from({ length: 12 }, (_, i) => backoffMs(i + 1));
    expect(waits.slice(0, THROTTLE.freeFailures)).toEqual([0, 0, 0, 0]);
    expect(waits.slice(4, 9)).toEqual([2000, 4000, 8000, 16000, 32000]);
    expect(waits.slice(9)).toEqual([THROTTLE.lockMs, THROTTLE.lockMs, THROTTLE.lockMs]);
  });

  it("gives a shared IP proportionally more room", () => {
    expect(backoffMs(THROTTLE.freeFailures * THROTTLE.ipScale, THROTTLE.ipScale)).toBe(0);
    expect(backoffMs(THROTTLE.lockAt * THROTTLE.ipScale, THROTTLE.ipScale)).toBe(THROTTLE.lockMs);
  });

  it("keys by account from this address, by account, and by IP when known", () => {
    expect(throttleKeys("An@Example.VN", null).map((k) => k.key)).toEqual(["pair:an@example.vn|unknown", "account:an@example.vn"]);
    expect(throttleKeys("a@b.vn", "10.0.0.1").map((k) => k.key)).toEqual(["pair:a@b.vn|10.0.0.1", "account:a@b.vn", "ip:10.0.0.1"]);
  });
});

describe("the client address", () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;

  it("reads X-Forwarded-For only behind a trusted proxy (its first hop)", () => {
    const h = headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1", [PEER_HEADER]: "10.0.0.1" });
    expect(clientIpFrom(h, true)).toBe("203.0.113.7");
  });

  it("without TRUST_PROXY, never takes an address the client wrote", () => {
    const forged = headers({ "x-forwarded-for": "198.51.100.99", [PEER_HEADER]: "198.51.100.99" });
    // Outside the server (no hook installed) the peer header may be forged too: no address at all.
    expect(clientIpFrom(forged, false)).toBeNull();
  });

  it("with the server's hook, the address is the socket's, whatever the client sent", async () => {
    installPeerHeader();
    const { createServer, request } = await import("node:http");
    const server = createServer((req, res) => {
      res.end(JSON.stringify({ ip: clientIpFrom((n) => req.headers[n] as string | undefined, false) }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, headers: { "x-forwarded-for": "198.51.100.99", [PEER_HEADER]: "198.51.100.98" } }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.end();
    });
    server.close();
    expect(JSON.parse(body)).toEqual({ ip: "127.0.0.1" });
  });
});
