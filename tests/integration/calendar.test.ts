import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { GET as feedRoute } from "@/app/api/calendar/[token]/route";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { myFeed, revokeFeed, rotateFeed } from "@/lib/calendar/feed";
import { feedCalendar, myCalendar } from "@/lib/calendar/http";
import { mySchedule } from "@/lib/calendar/queries";
import { db } from "@/lib/db";
import { enrolInClass, makeClassWithSession } from "@/lib/testing/class-factories-attendance";
import { makeProvince, makeUser, makeViewer } from "@/lib/testing/factories";

const ORIGIN = "https://taphuan.example.vn";
const DAY = 86_400_000;

async function viewerOf(user: { id: string }): Promise<Viewer> {
  const v = await loadViewer(user.id);
  if (!v) throw new Error("no viewer");
  return v;
}

/** Two classes of one province: the learner in the first (and pending in a third), a stranger in the second. */
async function setup() {
  const p = await makeProvince();
  const trainer = await makeViewer(p.agency.id, [{ role: "TRAINER", unitId: p.agency.id }]);
  const learner = await viewerOf(await makeUser({ unitId: p.communeA.id, fullName: "Võ Thị Thanh Tuyền" }));
  const stranger = await viewerOf(await makeUser({ unitId: p.communeB.id, fullName: "Đặng Văn Trọng" }));
  // 08:00–11:30 Vietnam time, ten days from now.
  const day = new Date(Math.floor((Date.now() + 10 * DAY) / DAY) * DAY);
  const at = (h: number, m = 0) => new Date(day.getTime() + ((h - 7) * 60 + m) * 60_000);
  const mine = await makeClassWithSession({
    organiserUnitId: p.province.id,
    trainerId: trainer.userId,
    learnerIds: [learner.userId],
    title: "Kỹ năng số; chữ ký số, dịch vụ công",
    sessions: [
      { startsAt: at(8), endsAt: at(11, 30) },
      { startsAt: at(13, 30), endsAt: at(16, 30), place: "", onlineUrl: "https://meet.example.vn/lop-1" },
    ],
  });
  const theirs = await makeClassWithSession({ organiserUnitId: p.province.id, trainerId: null, learnerIds: [stranger.userId], title: "Lớp của người khác", startsAt: at(8), endsAt: at(9) });
  const pendingClass = await makeClassWithSession({ organiserUnitId: p.province.id, trainerId: null, learnerIds: [], title: "Lớp chờ duyệt", startsAt: at(14), endsAt: at(15) });
  await enrolInClass(pendingClass.class.id, learner.userId, "PENDING");
  const withdrawnClass = await makeClassWithSession({ organiserUnitId: p.province.id, trainerId: null, learnerIds: [], title: "Lớp đã rút", startsAt: at(14), endsAt: at(15) });
  await enrolInClass(withdrawnClass.class.id, learner.userId, "WITHDRAWN");
  return { p, trainer, learner, stranger, mine, theirs, pendingClass, at };
}

function events(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  return root.getAllSubcomponents("vevent").map((v) => ({ v, e: new ICAL.Event(v) }));
}

async function fetchFeed(token: string): Promise<Response> {
  return feedRoute(new Request(`${ORIGIN}/api/calendar/${token}`), { params: Promise.resolve({ token }) });
}

describe("my schedule", () => {
  it("holds only one's own sessions: taught, or enrolled ACTIVE/PENDING/COMPLETED", async () => {
    const s = await setup();
    const learnerIds = (await mySchedule(s.learner)).map((e) => e.id);
    expect(new Set(learnerIds)).toEqual(new Set([...s.mine.sessions.map((x) => x.id), s.pendingClass.session.id]));
    const trainerEntries = await mySchedule(s.trainer);
    expect(trainerEntries.map((e) => [e.id, e.role])).toEqual(s.mine.sessions.map((x) => [x.id, "trainer"]));
    expect((await mySchedule(s.stranger)).map((e) => e.id)).toEqual([s.theirs.session.id]);
  });

  it("the .ics download parses, with the right instants, places, UIDs and escaped titles", async () => {
    const s = await setup();
    const ics = await myCalendar(s.learner, "vi", ORIGIN);
    const evs = events(ics);
    const first = evs.find((x) => x.e.uid === `${s.mine.sessions[0]!.id}@taphuan`)!;
    expect(first.e.summary).toBe("Kỹ năng số; chữ ký số, dịch vụ công");
    expect(first.e.startDate.toJSDate().toISOString()).toBe(s.at(8).toISOString());
    expect(first.e.startDate.toString()).toMatch(/T08:00:00$/);
    expect(first.e.endDate.toJSDate().toISOString()).toBe(s.at(11, 30).toISOString());
    expect(first.e.location).toBe("Hội trường Sở Nội vụ, 62 Lê Duẩn");
    const online = evs.find((x) => x.e.uid === `${s.mine.sessions[1]!.id}@taphuan`)!;
    expect(online.e.location).toBe("https://meet.example.vn/lop-1");
    expect(evs.map((x) => x.e.uid)).not.toContain(`${s.theirs.session.id}@taphuan`);
  });
});

describe("the private feed", () => {
  it("unknown or malformed tokens are 404; a known one serves text/calendar, cached privately for 5 minutes", async () => {
    const s = await setup();
    for (const token of ["x".repeat(43), "not-a-token", ""]) expect((await fetchFeed(token)).status).toBe(404);
    const { token } = await rotateFeed(s.learner);
    const res = await fetchFeed(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    expect(events(await res.text()).length).toBe(3);
    expect((await fetchFeed(`${token}.ics`)).status).toBe(200);
  });

  it("stores only the token's SHA-256; rotating invalidates the old URL; revoking ends it", async () => {
    const s = await setup();
    const first = await rotateFeed(s.learner);
    const row = await db().calendarFeed.findUniqueOrThrow({ where: { userId: s.learner.userId } });
    expect(row.tokenHash).not.toContain(first.token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const second = await rotateFeed(s.learner);
    expect(second.replaced).toBe(true);
    expect((await fetchFeed(first.token)).status).toBe(404);
    expect((await fetchFeed(second.token)).status).toBe(200);
    expect(await myFeed(s.learner)).not.toBeNull();
    expect(await db().auditEvent.count({ where: { action: "calendar.feedRotate", actorId: s.learner.userId } })).toBe(2);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "calendar.feedRotate", actorId: s.learner.userId } });
    expect(JSON.stringify(audit.data)).not.toContain(first.token);
    await revokeFeed(s.learner);
    expect((await fetchFeed(second.token)).status).toBe(404);
    expect(await myFeed(s.learner)).toBeNull();
  });

  it("serves only its owner's sessions, and stops for a disabled account", async () => {
    const s = await setup();
    const mine = await rotateFeed(s.learner);
    const theirs = await rotateFeed(s.stranger);
    const learnerUids = events((await feedCalendar(mine.token, ORIGIN))!).map((x) => x.e.uid);
    const strangerUids = events((await feedCalendar(theirs.token, ORIGIN))!).map((x) => x.e.uid);
    expect(strangerUids).toEqual([`${s.theirs.session.id}@taphuan`]);
    expect(learnerUids).not.toContain(`${s.theirs.session.id}@taphuan`);
    await db().user.update({ where: { id: s.stranger.userId }, data: { active: false } });
    expect((await fetchFeed(theirs.token)).status).toBe(404);
  });

  it("follows a change of time (same UID, later SEQUENCE and LAST-MODIFIED) and a cancellation", async () => {
    const s = await setup();
    const { token } = await rotateFeed(s.learner);
    const uid = `${s.mine.sessions[0]!.id}@taphuan`;
    const read = async () => events((await feedCalendar(token, ORIGIN))!).find((x) => x.e.uid === uid)!;
    const before = await read();
    expect(before.v.getFirstPropertyValue("status")).toBe("CONFIRMED");
    await new Promise((r) => setTimeout(r, 1100)); // SEQUENCE counts whole seconds
    await db().classSession.update({ where: { id: s.mine.sessions[0]!.id }, data: { startsAt: s.at(9), endsAt: s.at(12) } });
    const after = await read();
    expect(after.e.startDate.toJSDate().toISOString()).toBe(s.at(9).toISOString());
    expect(after.e.sequence).toBeGreaterThan(before.e.sequence);
    const lm = (x: typeof before) => (x.v.getFirstPropertyValue("last-modified") as ICAL.Time).toJSDate().getTime();
    expect(lm(after)).toBeGreaterThan(lm(before));

    await new Promise((r) => setTimeout(r, 1100));
    await db().class.update({ where: { id: s.mine.class.id }, data: { status: "CANCELLED", cancelledAt: new Date(), cancelReason: "Đổi kế hoạch" } });
    const cancelled = await read();
    expect(cancelled.v.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancelled.e.sequence).toBeGreaterThan(after.e.sequence);
    expect(cancelled.e.description).toContain("Đổi kế hoạch");
  });
});
