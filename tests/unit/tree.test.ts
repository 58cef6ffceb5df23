import { describe, expect, it } from "vitest";
import { buildTree } from "@/lib/units/tree";

describe("buildTree", () => {
  it("nests by parent and treats units whose parent is out of view as roots", () => {
    const tree = buildTree([
      { id: "city", parentId: "province" },
      { id: "ward", parentId: "city" },
      { id: "commune", parentId: "city" },
      { id: "other", parentId: null },
    ]);
    expect(tree.map((n) => n.id)).toEqual(["city", "other"]);
    expect(tree[0]!.children.map((n) => n.id)).toEqual(["ward", "commune"]);
  });
});
