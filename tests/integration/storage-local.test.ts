import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalStorage } from "@/lib/storage/local";
import { storageContract } from "./storage-contract";

const root = mkdtempSync(path.join(tmpdir(), "taphuan-files-"));
const store = new LocalStorage(root);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("local folder storage", () => {
  storageContract(() => store);

  it("keeps no temp file after failed writes", () => {
    expect(readdirSync(path.join(root, ".tmp"))).toEqual([]);
  });
});
