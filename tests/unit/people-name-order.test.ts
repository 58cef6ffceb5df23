import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INITIAL_PASSWORD_ALPHABET, INITIAL_PASSWORD_LENGTH, generateInitialPassword } from "@/lib/people/initial-password";
import { NAME_ORDER_TABLE, compareNames, givenName, nameSortKey } from "@/lib/people/name-order";
import { searchWords, wordStartPattern } from "@/lib/people/search";

const sorted = (names: string[]) => [...names].sort(compareNames);

describe("Vietnamese name order", () => {
  it("takes the given name as the last word", () => {
    expect(givenName("Nguyễn Thị Minh Khai")).toBe("Khai");
    expect(givenName("Lê  Văn An")).toBe("An");
    expect(givenName("Tuyền")).toBe("Tuyền");
  });

  it("sorts by given name first, then family and middle names", () => {
    expect(sorted(["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn An", "Đặng Văn Trọng"])).toEqual([
      "Lê Văn An",
      "Trần Thị An",
      "Nguyễn Văn Bình",
      "Đặng Văn Trọng",
    ]);
  });

  it("follows the Vietnamese alphabet: a ă â, d đ, e ê, o ô ơ, u ư", () => {
    expect(sorted(["Ân", "Ăn", "An"].map((n) => `Lê ${n}`))).toEqual(["Lê An", "Lê Ăn", "Lê Ân"]);
    expect(sorted(["Lê Đức", "Lê Dũng", "Lê Em"])).toEqual(["Lê Dũng", "Lê Đức", "Lê Em"]);
    expect(sorted(["Vũ Ơn", "Vũ Ôn", "Vũ On", "Vũ Pha"])).toEqual(["Vũ On", "Vũ Ôn", "Vũ Ơn", "Vũ Pha"]);
    expect(sorted(["Võ Ưng", "Võ Ung", "Võ Vân"])).toEqual(["Võ Ung", "Võ Ưng", "Võ Vân"]);
    // Đ is a letter of its own after D, not a byte after Z.
    expect(sorted(["Lê Zung", "Lê Em", "Lê Đạt"])).toEqual(["Lê Đạt", "Lê Em", "Lê Zung"]);
  });

  it("lets tones break ties only, in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng", () => {
    expect(sorted(["Lê Hạ", "Lê Há", "Lê Hã", "Lê Hả", "Lê Hà", "Lê Ha"])).toEqual(["Lê Ha", "Lê Hà", "Lê Hả", "Lê Hã", "Lê Há", "Lê Hạ"]);
    // Letters decide before tones: "Hà" < "Hai" although à has a tone.
    expect(sorted(["Lê Hai", "Lê Hà"])).toEqual(["Lê Hà", "Lê Hai"]);
  });

  it("ignores case and normalises decomposed input", () => {
    expect(nameSortKey("NGUYỄN VĂN AN")).toEqual(nameSortKey("nguyễn văn an"));
    expect(nameSortKey("Nguyễn Văn An".normalize("NFD"))).toEqual(nameSortKey("Nguyễn Văn An"));
  });

  it("is a total order consistent with equality of keys", () => {
    const name = fc.array(fc.constantFrom(..."aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ABĐ"), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        expect(Math.sign(compareNames(a, b))).toBe(-Math.sign(compareNames(b, a)));
        if (compareNames(a, b) <= 0 && compareNames(b, c) <= 0) expect(compareNames(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("has one precomposed character per entry and keys of the same length as the name", () => {
    const from = [...NAME_ORDER_TABLE.from];
    expect(new Set(from).size).toBe(from.length);
    expect(from.length).toBe(NAME_ORDER_TABLE.letters.length);
    expect(from.length).toBe(NAME_ORDER_TABLE.tones.length);
    const key = nameSortKey("Huỳnh Thị Ngọc Ánh");
    expect([...key[2]].length).toBe([..."Huỳnh Thị Ngọc Ánh"].length);
  });
});

describe("people search words", () => {
  it("folds diacritics and case and splits words", () => {
    expect(searchWords("  Nguyễn   VĂN an ")).toEqual(["nguyen", "van", "an"]);
    expect(searchWords("Đặng")).toEqual(["dang"]);
    expect(searchWords("")).toEqual([]);
    expect(searchWords("a b c d e f g h i j")).toHaveLength(8);
  });

  it("matches a word at the start of a word of searchText, regex characters taken literally", () => {
    // JavaScript's RegExp agrees with PostgreSQL's on these patterns.
    const matches = (word: string, text: string) => new RegExp(wordStartPattern(word)).test(text);
    const text = "nguyen van anh nguyen.anh@phuyen.gov.vn chu tich ubnd 0905111222";
    expect(matches("an", text)).toBe(true); // "anh"
    expect(matches("an", "nguyen van binh")).toBe(false); // not inside "van"
    expect(matches("phuyen", text)).toBe(true);
    expect(matches("0905", text)).toBe(true);
    expect(matches("111", text)).toBe(false);
    expect(matches("gov.vn", text)).toBe(true);
    expect(matches("g.v", text)).toBe(false);
    expect(matches("a+", "a+b")).toBe(true);
    expect(matches("(", "x")).toBe(false);
  });
});

describe("initial passwords", () => {
  it("are 16 characters from the unambiguous alphabet, and differ every time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generateInitialPassword();
      expect(p).toHaveLength(INITIAL_PASSWORD_LENGTH);
      expect([...p].every((c) => INITIAL_PASSWORD_ALPHABET.includes(c))).toBe(true);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
    expect(INITIAL_PASSWORD_ALPHABET).not.toMatch(/[0O1lI]/);
  });
});
