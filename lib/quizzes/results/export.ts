import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Viewer } from "@/lib/auth/viewer";
import { vnWallClock } from "@/lib/i18n/format";
import { translator } from "@/lib/i18n/messages";
import { escapeFormula, XLSX_TYPE } from "@/lib/imports/write";
import { quizResults, type ResultRow } from "./queries";

// The results table as a workbook (docs/decisions/085-quiz-results-and-item-analysis.md), written
// row by row by exceljs's streaming writer straight into the response. Vietnamese headers; grades
// and counts are numbers, the last submission a date in Vietnam time; every text is formula-escaped
// the one way (lib/imports/write.ts), so a learner named "=HYPERLINK(…)" stays text.

const PERCENT_FORMAT = "0.00";
const COUNT_FORMAT = "0";
const DATE_FORMAT = "dd/mm/yyyy hh:mm";

export type StreamedDownload = { fileName: string; contentType: string; stream: ReadableStream<Uint8Array> };

type Cell = string | number | Date | null;

function rowOf(index: number, r: ResultRow): Cell[] {
  const t = translator("vi");
  const text = (s: string) => escapeFormula(s.normalize("NFC"));
  return [
    index,
    text(r.fullName),
    text(r.unitName),
    text(r.className ?? ""),
    r.attempts,
    r.grade,
    r.lastFinishedAt ? vnWallClock(r.lastFinishedAt) : null,
    text(t(`quizResults.state.${r.state}`)),
    text(r.passed === null ? "" : r.passed ? t("quizResults.passed") : t("quizResults.notPassed")),
  ];
}

const HEADERS = ["STT", "Họ và tên", "Đơn vị (khi ghi danh)", "Lớp", "Số lần làm bài", "Điểm (%)", "Nộp bài lần cuối", "Trạng thái", "Kết quả"];
const WIDTHS = [6, 32, 36, 30, 10, 10, 18, 18, 12];

/**
 * The quiz's results (the viewer must be the course's staff: quizResults checks, and refuses before
 * any byte is written), optionally for one class, as a streamed XLSX.
 */
export async function exportQuizResults(viewer: Viewer, quizId: string, filter: { classId?: string | null } = {}): Promise<StreamedDownload> {
  const results = await quizResults(viewer, quizId, filter);
  const out = new PassThrough();
  const write = async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = "Tập huấn CCHC";
    const ws = wb.addWorksheet("Kết quả", { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = WIDTHS.map((width) => ({ width }));
    ws.getColumn(5).numFmt = COUNT_FORMAT;
    ws.getColumn(6).numFmt = PERCENT_FORMAT;
    ws.getColumn(7).numFmt = DATE_FORMAT;
    const header = ws.addRow(HEADERS.map(escapeFormula));
    header.font = { bold: true };
    header.commit();
    results.rows.forEach((r, i) => ws.addRow(rowOf(i + 1, r)).commit());
    ws.commit();
    await wb.commit();
  };
  write().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  const className = results.classes.find((c) => c.id === results.classId)?.code;
  return {
    fileName: `Kết quả - ${results.quiz.title}${className ? ` - ${className}` : ""}.xlsx`,
    contentType: XLSX_TYPE,
    stream: Readable.toWeb(out) as ReadableStream<Uint8Array>,
  };
}
