import { describe, expect, it, vi } from "vitest";

// A server with SMTP_URL configured: mail really leaves, so the outbox never shows password links.
vi.mock("@/lib/mail/config", () => ({ mailDeliveryConfigured: () => true }));

const { listOutbox } = await import("@/lib/mail/queries");
const { makeInvitedUser } = await import("@/lib/testing/account-factories");
const { makeProvince, makeViewer } = await import("@/lib/testing/factories");

describe("the outbox with mail delivery configured", () => {
  it("hides invitation links even from the province admin, and shows pending instead of held", async () => {
    const p = await makeProvince();
    const provinceAdmin = await makeViewer(p.agency.id, [{ role: "PROVINCE_ADMIN", unitId: p.province.id }]);
    const { token } = await makeInvitedUser({ unitId: p.communeA.id });
    const { rows, delivering } = await listOutbox(provinceAdmin, 1);
    expect(delivering).toBe(true);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("pending");
    expect(rows[0]!.parts.filter((x) => x.kind === "hidden")).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});
