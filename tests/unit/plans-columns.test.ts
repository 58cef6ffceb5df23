import { describe, expect, it } from "vitest";
import { formatVnd } from "@/components/plans/format";
import { formatTargetGroups, isTotalsRow, mapPlanColumns, parseTargetGroups, PLAN_COLUMNS, PLAN_HEADERS, quotaCodeOf } from "@/lib/plans/columns";
import { parseCount, parseVnd, TARGET_GROUPS } from "@/lib/plans/schemas";

describe("plan spreadsheet columns", () => {
  it("maps our headers, other spellings, quota columns; reports missing, duplicated and unknown ones", () => {
    const ours = mapPlanColumns([...PLAN_COLUMNS.map((c) => PLAN_HEADERS[c]), "Tên cơ quan chủ trì", "Chỉ tiêu: PY.SNV", "chi tieu:py.ubnd-tuyhoa", "Cột lạ"]);
    expect(ours.missing).toEqual([]);
    expect(ours.index.leadUnitCode).toBe(8);
    expect(ours.quotas.map((q) => q.code)).toEqual(["PY.SNV", "PY.UBND-TUYHOA"]);
    expect(ours.ignored).toEqual(["Cột lạ"]);
    const other = mapPlanColumns(["NỘI DUNG", "doi tuong", "Số lớp", "Số lượng học viên", "Thời gian (quý)", "Đơn vị chủ trì"]);
    expect(other.missing).toEqual([]);
    expect(mapPlanColumns(["Nội dung"]).missing).toEqual(["targetGroups", "plannedClasses", "plannedParticipants", "quarter", "leadUnitCode"]);
    expect(mapPlanColumns(["Nội dung", "Nội dung", "Chỉ tiêu: A.B", "Chỉ tiêu: a.b"]).duplicated).toEqual(["Nội dung", "Chỉ tiêu: a.b"]);
  });

  it("reads quota headers by their prefix, without case or diacritics", () => {
    expect(quotaCodeOf("Chỉ tiêu: PY.SNV")).toBe("PY.SNV");
    expect(quotaCodeOf("CHỈ TIÊU : py.snv ")).toBe("PY.SNV");
    expect(quotaCodeOf("Chỉ tiêu")).toBeNull();
    expect(quotaCodeOf("Chỉ tiêu:")).toBeNull();
    expect(quotaCodeOf("Ghi chú: x")).toBeNull();
  });

  it("reads target groups as labels, codes or abbreviations, and round-trips its own output", () => {
    expect(parseTargetGroups("Công chức; Lãnh đạo, quản lý")).toEqual({ groups: ["CONG_CHUC", "LEADERS"], unknown: [] });
    expect(parseTargetGroups("can bo, cong chuc")).toEqual({ groups: ["CAN_BO", "CONG_CHUC"], unknown: [] });
    expect(parseTargetGroups("VIEN_CHUC\nCCHC_FOCAL")).toEqual({ groups: ["VIEN_CHUC", "CCHC_FOCAL"], unknown: [] });
    expect(parseTargetGroups("Học sinh; cc")).toEqual({ groups: ["CONG_CHUC"], unknown: ["Học sinh"] });
    expect(parseTargetGroups(formatTargetGroups(TARGET_GROUPS)).groups).toEqual([...TARGET_GROUPS]);
  });

  it("skips the totals row of an export", () => {
    expect(isTotalsRow({ position: "Tổng cộng", title: "" })).toBe(true);
    expect(isTotalsRow({ position: "", title: "TỔNG CỘNG" })).toBe(true);
    expect(isTotalsRow({ position: "1", title: "Tổng cộng các lớp" })).toBe(false);
  });
});

describe("amounts", () => {
  it("parses đồng with Vietnamese or English separators and formats them back", () => {
    expect(parseVnd("1.500.000")).toBe(1_500_000n);
    expect(parseVnd("1,500,000")).toBe(1_500_000n);
    expect(parseVnd("1500000 đồng")).toBe(1_500_000n);
    expect(parseVnd("1.000.000.000.000.001")).toBeNull(); // above 10^15
    expect(parseVnd("12.34")).toBeNull();
    expect(parseCount("1.000")).toBe(1000);
    expect(parseCount("2 đ")).toBeNull();
    expect(formatVnd(1_500_000n, "vi")).toBe("1.500.000 đ");
    expect(formatVnd(1_500_000n, "en")).toBe("1,500,000 VND");
    expect(formatVnd(0n, "vi")).toBe("0 đ");
  });
});
