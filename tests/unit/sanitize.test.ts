import { describe, expect, it } from "vitest";
import { isSafeHref, plainText, sanitizeRichText } from "@/lib/courses/sanitize";

describe("sanitizeRichText", () => {
  it("removes scripts, styles, iframes, objects and their content", () => {
    const out = sanitizeRichText(
      '<p>Trước</p><script>alert("x")</script><style>p{color:red}</style><iframe src="https://evil.example"></iframe>' +
        '<object data="x.swf"></object><embed src="x"><noscript>nn</noscript><p>Sau</p>',
    );
    expect(out).toBe("<p>Trước</p><p>Sau</p>");
  });

  it("drops every event handler and style attribute, and unknown tags (keeping their text)", () => {
    const out = sanitizeRichText('<p onclick="steal()" style="background:url(javascript:x)" class="c" id="i">Xin <b onmouseover="x">chào</b></p><img src=x onerror=alert(1)><svg onload=alert(1)><g>svg</g></svg><form action="x"><input name="a"></form>');
    expect(out).not.toMatch(/on\w+=|style=|class=|id=|<img|<svg|<form|<input/i);
    expect(out).toContain("<p>Xin <strong>chào</strong></p>");
  });

  it.each([
    ['<a href="javascript:alert(1)">x</a>'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>'],
    ['<a href="  javascript:alert(1)">x</a>'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>'],
    ['<a href="jav&#9;ascript:alert(1)">x</a>'],
    ['<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>'],
    ['<a href="&#x6A;avascript&colon;alert(1)">x</a>'],
    ['<a href="java\nscript:alert(1)">x</a>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
    ['<a href="DATA:text/html,<script>alert(1)</script>">x</a>'],
    ['<a href="vbscript:msgbox(1)">x</a>'],
    ['<a href="//evil.example/">x</a>'],
  ])("removes the address of %s but keeps its text", (html) => {
    const out = sanitizeRichText(html);
    expect(out).toBe("<a>x</a>");
  });

  it("keeps http, https and mailto links, opened in a new tab without an opener", () => {
    const out = sanitizeRichText('<a href="https://dichvucong.gov.vn/p/home" target="_self" rel="opener">Cổng DVCQG</a> <a href="mailto:cchc@phuyen.gov.vn">thư</a> <a href="http://phuyen.gov.vn">tỉnh</a>');
    expect(out).toBe(
      '<a href="https://dichvucong.gov.vn/p/home" rel="noopener noreferrer" target="_blank">Cổng DVCQG</a> ' +
        '<a href="mailto:cchc@phuyen.gov.vn" rel="noopener noreferrer" target="_blank">thư</a> ' +
        '<a href="http://phuyen.gov.vn" rel="noopener noreferrer" target="_blank">tỉnh</a>',
    );
  });

  it("keeps the allowed markup", () => {
    const html =
      "<h2>Quy trình</h2><h3>Bước 1</h3><h4>a)</h4><p>Đoạn <strong>đậm</strong> <em>nghiêng</em> <u>gạch</u> <s>xóa</s><br></p>" +
      "<ul><li>một</li></ul><ol><li>hai</li></ol><blockquote>trích</blockquote>" +
      '<table><caption>Lệ phí</caption><thead><tr><th scope="col">Việc</th></tr></thead><tbody><tr><td colspan="2">2.000 đồng/trang</td></tr></tbody></table>' +
      "<pre><code>mã</code></pre>";
    expect(sanitizeRichText(html)).toBe(html.replace("<br>", "<br />"));
  });

  it("maps b, i and h1 to their kept equivalents", () => {
    expect(sanitizeRichText("<h1>T</h1><b>b</b><i>i</i>")).toBe("<h2>T</h2><strong>b</strong><em>i</em>");
  });

  it("keeps Vietnamese text intact, normalised to NFC", () => {
    const decomposed = "Chứng thực bản sao điện tử từ bản chính".normalize("NFD");
    const out = sanitizeRichText(`<p>${decomposed}</p>`);
    expect(out).toBe("<p>Chứng thực bản sao điện tử từ bản chính</p>");
    expect(out).toBe(out.normalize("NFC"));
    expect(sanitizeRichText("<p>Ủy ban nhân dân tỉnh Phú Yên — Đắk Lắk &amp; «CCHC»</p>")).toBe("<p>Ủy ban nhân dân tỉnh Phú Yên — Đắk Lắk &amp; «CCHC»</p>");
  });

  it("escapes text that looks like markup", () => {
    expect(sanitizeRichText("<p>1 &lt; 2 &lt;script&gt;</p>")).toBe("<p>1 &lt; 2 &lt;script&gt;</p>");
  });
});

describe("isSafeHref and plainText", () => {
  it("tells safe addresses", () => {
    expect(isSafeHref("https://x.vn")).toBe(true);
    expect(isSafeHref("MAILTO:a@b.vn")).toBe(true);
    expect(isSafeHref("javascript:x")).toBe(false);
    expect(isSafeHref("/relative")).toBe(false);
  });
  it("reads the visible text", () => {
    expect(plainText("<p> <br /> </p>")).toBe("");
    expect(plainText("<p>Có chữ</p>")).toBe("Có chữ");
  });
});

describe("stored rich text", () => {
  it("is stable: sanitising what was stored changes nothing (pages render it as stored)", () => {
    const samples = [
      '<p onclick="x">A <a href="https://a.vn" target="_self">b</a></p><script>1</script>',
      "<h1>Tiêu đề</h1><b>đậm</b><table><tr><td>1</td></tr></table>",
      '<a href="jav&#x09;ascript:alert(1)">x</a><p style="x">y</p>',
    ];
    for (const html of samples) {
      const once = sanitizeRichText(html);
      expect(sanitizeRichText(once)).toBe(once);
    }
  });

  it("the demo courses' lessons are clean Vietnamese content, one course per area, ≥2 sections and ≥3 lessons with TEXT and LINK", async () => {
    const { DEMO_COURSES } = await import("@/prisma/seed/demo-courses");
    expect(new Set(DEMO_COURSES.map((c) => c.areaCode))).toEqual(new Set(["KH-CCHC", "TD-DG-CCHC", "TT-CCHC", "CNTT-TTHC"]));
    for (const c of DEMO_COURSES) {
      const lessons = c.sections.flatMap((s) => s.lessons);
      expect(c.sections.length, c.title).toBeGreaterThanOrEqual(2);
      expect(lessons.length, c.title).toBeGreaterThanOrEqual(3);
      expect(new Set(lessons.map((l) => l.kind)), c.title).toEqual(new Set(["TEXT", "LINK"]));
      expect(c.title).toBe(c.title.normalize("NFC"));
      for (const l of lessons) {
        if (l.kind === "LINK") expect(l.url).toMatch(/^https:\/\//);
        else expect(plainText(sanitizeRichText(l.body)).length, l.title).toBeGreaterThan(100);
      }
    }
  });
});
