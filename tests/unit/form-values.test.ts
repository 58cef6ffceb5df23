// The one way forms keep what was entered after a refused action (lib/forms/use-form-values.ts).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { FormState } from "@/lib/forms/state";
import { useFormValues, type FormValues } from "@/lib/forms/use-form-values";

function valuesOf(state: FormState, saved?: unknown): FormValues {
  let out: FormValues | undefined;
  function Probe() {
    out = useFormValues(state, saved);
    return null;
  }
  renderToStaticMarkup(createElement(Probe));
  return out!;
}

const refused: FormState = {
  status: "error",
  message: "Vui lòng sửa các lỗi bên dưới.",
  fieldErrors: { unitId: ["Chọn đơn vị"] },
  values: { title: "Đã gõ", unitId: "u-2", targetGroups: "CAN_BO,CONG_CHUC", mode: "password", selfEnrol: "on" },
};

describe("useFormValues", () => {
  it("shows the initial values before any answer and after a success", () => {
    for (const state of [{ status: "idle" }, { status: "ok", message: "Đã lưu." }] as FormState[]) {
      const f = valuesOf(state);
      expect(f.value("title", "Ban đầu")).toBe("Ban đầu");
      expect(f.value("hours", 8)).toBe("8");
      expect(f.value("unitId", null)).toBe("");
      expect(f.list("targetGroups", ["VIEN_CHUC"])).toEqual(["VIEN_CHUC"]);
      expect(f.checked("selfEnrol", true)).toBe(true);
      expect(f.checked("mode", true, "invite")).toBe(true);
      expect(f.submitted).toBeUndefined();
    }
  });

  it("after a refusal shows what was submitted in inputs, selects, checkbox groups, checkboxes and radio buttons", () => {
    const f = valuesOf(refused);
    expect(f.value("title", "Ban đầu")).toBe("Đã gõ");
    expect(f.value("unitId", "u-1")).toBe("u-2");
    expect(f.list("targetGroups", ["VIEN_CHUC"])).toEqual(["CAN_BO", "CONG_CHUC"]);
    expect(f.checked("selfEnrol", false)).toBe(true);
    expect(f.checked("mode", true, "invite")).toBe(false);
    expect(f.checked("mode", false, "password")).toBe(true);
    // Unticked boxes and emptied fields are not refilled from the initial values.
    expect(f.checked("requiresApproval", true)).toBe(false);
    expect(f.list("audience", ["u-1"])).toEqual([]);
    expect(f.value("note", "Ghi chú cũ")).toBe("");
    expect(f.errors("unitId")).toEqual(["Chọn đơn vị"]);
  });

  it("keys the form by the saved values too, so a save the page reloads rebuilds it", () => {
    expect(valuesOf(refused, { title: "A" }).key).not.toBe(valuesOf(refused, { title: "B" }).key);
    expect(valuesOf(refused).key).toBe(valuesOf(refused).key);
  });
});
