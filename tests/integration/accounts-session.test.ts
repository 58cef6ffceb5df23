import { encode, decode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { translator } from "@/lib/i18n/messages";

// The request context a page or server action would have: the session, the cookie jar, the language.
const session = vi.hoisted(() => ({ current: null as null | { userId: string; sv: number } }));
const jar = vi.hoisted(() => new Map<string, { value: string; options?: unknown }>());
vi.mock("next-auth", async (original) => ({ ...(await original<object>()), getServerSession: async () => session.current }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    has: (name: string) => jar.has(name),
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)!.value } : undefined),
    set: (name: string, value: string, options?: unknown) => void jar.set(name, { value, options }),
  }),
  headers: async () => new Headers(),
}));
vi.mock("@/lib/i18n/server", () => ({ getT: async () => translator("vi"), getLocale: async () => "vi" }));

const { actingViewer, actingViewerForPasswordChange, requireViewer, requireViewerForPasswordChange } = await import("@/lib/auth/session");
const { formAction } = await import("@/lib/forms/action");
const { reissueSessionCookie } = await import("@/lib/accounts/session-cookie");
const { authOptions } = await import("@/lib/auth/options");
const { makeUserWithInitialPassword } = await import("@/lib/testing/account-factories");
const { makeProvince, makeUser } = await import("@/lib/testing/factories");
const { z } = await import("zod");

/** Where a Next.js redirect() would send the browser (it throws an error carrying the target). */
async function redirectTarget(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    const digest = (e as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw e;
    return digest.split(";")[2] ?? "";
  }
}

beforeEach(() => {
  session.current = null;
  jar.clear();
});

describe("a viewer who must change a password someone else chose", () => {
  it("is sent to /change-password by every page, and refused by every ordinary action", async () => {
    const p = await makeProvince();
    const { user } = await makeUserWithInitialPassword({ unitId: p.communeA.id });
    session.current = { userId: user.id, sv: 0 };

    expect(await redirectTarget(requireViewer())).toBe("/change-password");
    expect((await requireViewerForPasswordChange()).userId).toBe(user.id);
    await expect(actingViewer()).rejects.toMatchObject({ code: "FORBIDDEN", messageKey: "accounts.change.required" });
    expect((await actingViewerForPasswordChange()).userId).toBe(user.id);

    // A form action of any other domain refuses without running its command.
    const run = vi.fn(async () => ({ messageKey: "profile.saved" as const }));
    const action = formAction(z.object({}), run);
    const state = await action({ status: "idle" }, new FormData());
    expect(state).toMatchObject({ status: "error", message: "Bạn cần đổi mật khẩu được cấp trước khi tiếp tục." });
    expect(run).not.toHaveBeenCalled();
  });

  it("an ordinary viewer passes; a signed-out one is sent to sign in", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    session.current = { userId: user.id, sv: 0 };
    expect((await requireViewer()).userId).toBe(user.id);
    expect((await actingViewer()).userId).toBe(user.id);
    session.current = null;
    expect(await redirectTarget(requireViewer())).toBe("/login");
    expect(await redirectTarget(requireViewerForPasswordChange())).toBe("/login");
    await expect(actingViewerForPasswordChange()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("re-issuing the session after a password change", () => {
  const secret = () => authOptions().secret!;

  it("rewrites this request's session cookie with the new version, keeping who it is", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    jar.set("next-auth.session-token", { value: await encode({ token: { sub: user.id, sv: 0, email: user.email }, secret: secret() }) });
    expect(await reissueSessionCookie(user.id, 1)).toBe(true);
    const cookie = jar.get("next-auth.session-token")!;
    const token = await decode({ token: cookie.value, secret: secret() });
    expect(token).toMatchObject({ sub: user.id, sv: 1, email: user.email });
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
  });

  it("does nothing for someone else's session or without one", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    const other = await makeUser({ unitId: p.communeA.id });
    expect(await reissueSessionCookie(user.id, 1)).toBe(false);
    const value = await encode({ token: { sub: other.id, sv: 0 }, secret: secret() });
    jar.set("next-auth.session-token", { value });
    expect(await reissueSessionCookie(user.id, 1)).toBe(false);
    expect(jar.get("next-auth.session-token")!.value).toBe(value);
    jar.set("next-auth.session-token", { value: "forged" });
    expect(await reissueSessionCookie(user.id, 1)).toBe(false);
  });
});

describe("form actions", () => {
  it("hand several ticked checkboxes of one name to the schema together, comma-joined", async () => {
    const p = await makeProvince();
    const user = await makeUser({ unitId: p.communeA.id });
    session.current = { userId: user.id, sv: 0 };
    const { checkboxList } = await import("@/lib/forms/zod");
    const run = vi.fn(async () => ({ messageKey: "profile.saved" as const }));
    const action = formAction(z.object({ groups: checkboxList(["CAN_BO", "CONG_CHUC", "VIEN_CHUC"], { none: "courses.chooseTargetGroup" }), title: z.string() }), run);
    const form = new FormData();
    form.append("title", "Lớp A");
    form.append("groups", "CAN_BO");
    form.append("groups", "VIEN_CHUC");
    form.append("groups", "CAN_BO");
    expect(await action({ status: "idle" }, form)).toMatchObject({ status: "ok" });
    expect(run).toHaveBeenCalledWith(expect.anything(), { title: "Lớp A", groups: ["CAN_BO", "VIEN_CHUC"] }, expect.anything());

    const none = new FormData();
    none.append("title", "Lớp B");
    expect(await action({ status: "idle" }, none)).toMatchObject({ status: "error", fieldErrors: { groups: ["Hãy chọn ít nhất một đối tượng."] } });
  });
});
