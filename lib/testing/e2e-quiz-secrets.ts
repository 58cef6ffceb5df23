// Test-only: a quiz whose every secret is a distinctive string, so that an end-to-end test can
// search every payload the browser receives for it (tests/e2e/quiz-secrecy.spec.ts). No database
// here: the Playwright runner imports it.
import type { QuestionDraft } from "@/lib/quizzes/question-types";

const plain = (text: string) => ({ text, format: "plain" as const });
const base = { format: "html" as const, defaultMark: 1, category: [], tags: [] };
const general = (n: number) => ({ generalFeedback: plain(`NHẬN-XÉT-CHUNG-BÍ-MẬT-${n}`) });
const feedback = (key: string) => plain(`PHẢN-HỒI-BÍ-MẬT-${key}`);

/** Per-answer feedback, by question and option (`3Đ`/`3S`: true/false). */
export const OPTION_FEEDBACK = ["1A", "1B", "1C", "2A", "2B", "2C", "3Đ", "3S", "4", "6"].map((k) => `PHẢN-HỒI-BÍ-MẬT-${k}`);
/** General feedback of questions 1–7. */
export const GENERAL_FEEDBACK = [1, 2, 3, 4, 5, 6, 7].map((n) => `NHẬN-XÉT-CHUNG-BÍ-MẬT-${n}`);
export const SHORT_ANSWER = "ĐÁP-ÁN-NGẮN-BÍ-MẬT";
export const NUMERICAL_ANSWER = "48213.75";
export const GRADER_INFO = "HƯỚNG-DẪN-CHẤM-BÍ-MẬT";
/** Matching: left → right, and a distractor on the right only. */
export const PAIRS: [string, string][] = [
  ["VẾ-TRÁI-MỘT", "VẾ-PHẢI-MỘT"],
  ["VẾ-TRÁI-HAI", "VẾ-PHẢI-HAI"],
];
export const DISTRACTOR = "VẾ-PHẢI-NHIỄU";
/** Each choice option's fraction (its own mark, the questions being worth 1), as JSON writes it. */
export const OPTION_MARKS: Record<string, string> = {
  "1A": "1",
  "1B": "0.1875",
  "1C": "-0.3125",
  "2A": "0.6125",
  "2B": "0.3875",
  "2C": "-0.4375",
};

/** Single, multiple, true/false, short, matching, numerical, essay: every feedback and answer above. */
export const SECRET_QUIZ_DRAFTS: QuestionDraft[] = [
  {
    ...base,
    ...general(1),
    type: "SINGLE_CHOICE",
    name: "Cơ quan chứng thực",
    text: "<p>Cơ quan nào chứng thực bản sao từ bản chính?</p>",
    data: {
      options: [
        { id: "s1", text: plain("Ủy ban nhân dân cấp xã"), fraction: 1, feedback: feedback("1A") },
        { id: "s2", text: plain("Phòng Tư pháp cấp huyện"), fraction: 0.1875, feedback: feedback("1B") },
        { id: "s3", text: plain("Công an cấp xã"), fraction: -0.3125, feedback: feedback("1C") },
      ],
    },
  },
  {
    ...base,
    ...general(2),
    type: "MULTIPLE_CHOICE",
    name: "Giấy tờ khai sinh",
    text: "<p>Hồ sơ đăng ký khai sinh gồm những giấy tờ nào?</p>",
    data: {
      options: [
        { id: "m1", text: plain("Tờ khai đăng ký khai sinh"), fraction: 0.6125, feedback: feedback("2A") },
        { id: "m2", text: plain("Giấy chứng sinh"), fraction: 0.3875, feedback: feedback("2B") },
        { id: "m3", text: plain("Sổ hộ khẩu giấy"), fraction: -0.4375, feedback: feedback("2C") },
      ],
    },
  },
  {
    ...base,
    ...general(3),
    type: "TRUE_FALSE",
    name: "Trả kết quả trực tuyến",
    text: "<p>Kết quả có thể trả qua Cổng Dịch vụ công.</p>",
    data: { answer: true, feedbackTrue: feedback("3Đ"), feedbackFalse: feedback("3S") },
  },
  {
    ...base,
    ...general(4),
    type: "SHORT_ANSWER",
    name: "Mã thủ tục",
    text: "<p>Mã bí mật của thủ tục là gì?</p>",
    data: { answers: [{ id: "a1", text: SHORT_ANSWER, fraction: 1, feedback: feedback("4") }], caseSensitive: false, ignoreDiacritics: false },
  },
  {
    ...base,
    ...general(5),
    type: "MATCHING",
    name: "Ghép vế",
    text: "<p>Ghép mỗi vế trái với vế phải của nó.</p>",
    data: {
      pairs: [
        ...PAIRS.map(([left, right], i) => ({ id: `p${i + 1}`, left: plain(left), right })),
        { id: "p9", left: plain(""), right: DISTRACTOR },
      ],
    },
  },
  {
    ...base,
    ...general(6),
    type: "NUMERICAL",
    name: "Số hồ sơ",
    text: "<p>Có bao nhiêu hồ sơ?</p>",
    data: { answers: [{ kind: "tolerance", id: "n1", value: Number(NUMERICAL_ANSWER), tolerance: 0.25, fraction: 1, feedback: feedback("6") }] },
  },
  { ...base, ...general(7), type: "ESSAY", name: "Kinh nghiệm", text: "<p>Nêu một kinh nghiệm của bạn.</p>", data: { graderInfo: plain(GRADER_INFO) } },
];
