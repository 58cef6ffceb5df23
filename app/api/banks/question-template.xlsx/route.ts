import { apiRoute } from "@/lib/http/route";
import { questionXlsxTemplate } from "@/lib/quizzes/formats/xlsx";
import { downloadResponse } from "../../imports/http";

export const dynamic = "force-dynamic";

/** GET → the question spreadsheet template (Vietnamese headers, an instructions sheet with examples). */
export const GET = apiRoute({ name: "bank.questionTemplate" }, async () =>
  downloadResponse({
    fileName: "mau-cau-hoi.xlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    bytes: await questionXlsxTemplate(),
  }),
);
