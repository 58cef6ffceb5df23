// Test-only: a tiny SMTP server on node:net that accepts mail into memory, for delivery tests.
import { createServer, type Server, type Socket } from "node:net";

export type ReceivedMail = { from: string; to: string[]; data: string };

/**
 * Speaks just enough SMTP (RFC 5321) for nodemailer: greeting, EHLO/HELO, MAIL, RCPT, DATA with
 * dot-unstuffing, RSET, NOOP, QUIT. No TLS is offered, so the client stays in plain text.
 * `rcptReply(address)` may refuse a recipient, e.g. "451 4.2.0 try later" or "550 5.1.1 no such user".
 */
export async function startSmtpSink(options: { rcptReply?: (address: string) => string | null } = {}) {
  const received: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let data: string[] = [];
    let mail: { from: string; to: string[] } = { from: "", to: [] };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink.test ESMTP");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let at: number;
      while ((at = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push({ ...mail, data: data.join("\r\n") });
            mail = { from: "", to: [] };
            reply("250 2.0.0 queued");
          } else {
            data.push(line.startsWith("..") ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") {
          reply("250-sink.test");
          reply("250-8BITMIME");
          reply("250 SMTPUTF8");
        } else if (verb === "HELO") reply("250 sink.test");
        else if (verb === "MAIL") {
          mail = { from: /<([^>]*)>/.exec(line)?.[1] ?? "", to: [] };
          reply("250 2.1.0 ok");
        } else if (verb === "RCPT") {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? "";
          const refusal = options.rcptReply?.(address) ?? null;
          if (refusal) reply(refusal);
          else {
            mail.to.push(address);
            reply("250 2.1.5 ok");
          }
        } else if (verb === "DATA") {
          inData = true;
          data = [];
          reply("354 end with <CRLF>.<CRLF>");
        } else if (verb === "RSET") {
          mail = { from: "", to: [] };
          reply("250 ok");
        } else if (verb === "NOOP") reply("250 ok");
        else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else reply("502 5.5.2 not implemented");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The text body of a received single-part mail, its transfer encoding (quoted-printable or base64) undone. */
export function decodeBody(data: string): string {
  const split = data.indexOf("\r\n\r\n");
  const head = data.slice(0, split);
  const body = data.slice(split + 4);
  if (/^content-transfer-encoding:\s*base64/im.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8").replace(/\r\n/g, "\n");
  if (/^content-transfer-encoding:\s*quoted-printable/im.test(head)) {
    const soft = body.replace(/=\r\n/g, "");
    return soft.replace(/(=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ""), "hex").toString("utf8")).replace(/\r\n/g, "\n");
  }
  return body.replace(/\r\n/g, "\n");
}
