import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/forms/zod";
import { translator } from "@/lib/i18n/messages";
import { updateProfileInput } from "@/lib/people/schemas";
import { createUnitInput } from "@/lib/units/schemas";

const vi = translator("vi");
const en = translator("en");

function errorsOf(schema: typeof createUnitInput | typeof updateProfileInput, raw: Record<string, string>, t = vi) {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return {};
  return fieldErrors(parsed.error, raw, t);
}

describe("form validation messages", () => {
  it("reports every bad field at once, in Vietnamese", () => {
    const errors = errorsOf(createUnitInput, { parentId: "không-phải-id", code: "mã có dấu", name: "", kind: "LEVEL_3" });
    expect(Object.keys(errors).sort()).toEqual(["code", "kind", "name", "parentId"]);
    expect(errors.name).toEqual(["Trường này là bắt buộc."]);
    expect(errors.code).toEqual([vi("validation.unitCode")]);
    expect(errors.kind).toEqual(["Giá trị không hợp lệ."]);
  });

  it("speaks English when that language is chosen", () => {
    const errors = errorsOf(updateProfileInput, { fullName: "A", phone: "123", position: "", rank: "", category: "" }, en);
    expect(errors.fullName).toEqual(["At least 2 characters."]);
    expect(errors.phone).toEqual(["This phone number is not valid (e.g. 0905123456)."]);
  });

  it("accepts and normalises good input", () => {
    const parsed = createUnitInput.parse({
      parentId: "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f",
      code: " py.th.p8 ",
      name: " Phường 8 ",
      kind: "WARD",
    });
    expect(parsed).toMatchObject({ code: "PY.TH.P8", name: "Phường 8" });
  });
});
