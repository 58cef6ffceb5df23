// Demo courses: one published, self-study course per CCHC area, owned by Sở Nội vụ and open to
// the whole province, written by the demo trainer; the demo learner is enrolled in one of them.
// Idempotent: nothing is written when the first demo course already exists, or when the demo
// units are not there (a database seeded with something else).
import { randomUUID } from "node:crypto";
import { type Db, transaction } from "@/lib/db";
import type { TargetGroup } from "@/lib/db/generated/enums";
import { sanitizeRichText } from "@/lib/courses/sanitize";
import { foldForSearch } from "@/lib/text";
import { DEMO_ACCOUNTS } from "./demo-data";

type DemoLesson = { title: string } & ({ kind: "TEXT"; body: string } | { kind: "LINK"; url: string });
export type DemoCourse = {
  code: string;
  areaCode: string;
  title: string;
  summary: string;
  objectives: string;
  targetGroups: TargetGroup[];
  hours: number;
  sections: { title: string; lessons: DemoLesson[] }[];
};

export const DEMO_COURSES: readonly DemoCourse[] = [
  {
    code: "PY.CCHC.2026.01",
    areaCode: "CNTT-TTHC",
    title: "Chứng thực bản sao điện tử trên Cổng Dịch vụ công quốc gia",
    summary:
      "Quy trình tiếp nhận và giải quyết yêu cầu chứng thực bản sao điện tử từ bản chính trên Cổng Dịch vụ công quốc gia, dành cho công chức Tư pháp - Hộ tịch và bộ phận Một cửa cấp xã.",
    objectives:
      "Sau khóa học, học viên:\n- tiếp nhận đúng hồ sơ chứng thực trực tuyến trên Cổng Dịch vụ công quốc gia;\n- đối chiếu bản chụp với bản chính, ký số và trả kết quả đúng quy định;\n- thu phí, lưu trữ và báo cáo số liệu chứng thực điện tử.",
    targetGroups: ["CONG_CHUC", "CCHC_FOCAL"],
    hours: 8,
    sections: [
      {
        title: "Phần 1. Căn cứ pháp lý và khái niệm",
        lessons: [
          {
            kind: "TEXT",
            title: "Bản sao điện tử được chứng thực từ bản chính là gì?",
            body: `<p><strong>Bản sao điện tử được chứng thực từ bản chính</strong> là bản chụp, bản quét từ bản chính giấy tờ, văn bản, được cơ quan có thẩm quyền đối chiếu với bản chính và ký số để xác nhận nội dung đúng với bản chính. Bản sao này có giá trị sử dụng thay cho bản chính trong các giao dịch, trừ trường hợp pháp luật có quy định khác.</p>
<h3>Căn cứ chủ yếu</h3>
<ul><li>Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch;</li>
<li>Nghị định số 45/2020/NĐ-CP về thực hiện thủ tục hành chính trên môi trường điện tử;</li>
<li>Thông tư số 01/2020/TT-BTP hướng dẫn Nghị định số 23/2015/NĐ-CP;</li>
<li>Thông tư số 226/2016/TT-BTC quy định mức thu, chế độ thu, nộp phí chứng thực.</li></ul>
<p>Thẩm quyền: Phòng Tư pháp, UBND cấp xã và tổ chức hành nghề công chứng chứng thực bản sao từ bản chính do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận.</p>`,
          },
          {
            kind: "TEXT",
            title: "Giấy tờ không được chứng thực bản sao",
            body: `<p>Người thực hiện chứng thực <strong>không được</strong> chứng thực bản sao từ bản chính trong các trường hợp sau (Điều 22 Nghị định số 23/2015/NĐ-CP):</p>
<ol><li>Bản chính bị tẩy xóa, sửa chữa, thêm, bớt nội dung không hợp lệ;</li>
<li>Bản chính bị hư hỏng, cũ nát, không xác định được nội dung;</li>
<li>Bản chính đóng dấu mật của cơ quan, tổ chức có thẩm quyền hoặc ghi rõ không được sao chụp;</li>
<li>Bản chính có nội dung trái pháp luật, đạo đức xã hội; tuyên truyền, kích động chiến tranh, chống chế độ xã hội chủ nghĩa Việt Nam;</li>
<li>Bản chính do cơ quan, tổ chức có thẩm quyền của nước ngoài cấp chưa được hợp pháp hóa lãnh sự theo quy định (trừ trường hợp được miễn);</li>
<li>Giấy tờ, văn bản do cá nhân tự lập nhưng không có xác nhận và đóng dấu của cơ quan, tổ chức có thẩm quyền.</li></ol>
<p>Khi từ chối, công chức trả lời bằng văn bản hoặc thông báo trên hệ thống, nêu rõ lý do.</p>`,
          },
          { kind: "LINK", title: "Cổng Dịch vụ công quốc gia", url: "https://dichvucong.gov.vn/" },
        ],
      },
      {
        title: "Phần 2. Quy trình giải quyết trên Cổng Dịch vụ công",
        lessons: [
          {
            kind: "TEXT",
            title: "Bước 1–2: Tiếp nhận yêu cầu và kiểm tra hồ sơ",
            body: `<h3>Bước 1. Tiếp nhận</h3>
<p>Người yêu cầu đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử (VNeID), chọn thủ tục «Chứng thực bản sao điện tử từ bản chính», chọn cơ quan thực hiện, tải lên bản chụp hoặc bản quét của giấy tờ và hẹn ngày mang bản chính đến đối chiếu (nếu cơ quan yêu cầu).</p>
<p>Hồ sơ được chuyển về Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh. Công chức bộ phận Một cửa kiểm tra và <strong>tiếp nhận trong ngày làm việc</strong>; hồ sơ chưa đủ thì hướng dẫn bổ sung một lần, bằng thông báo trên hệ thống.</p>
<h3>Bước 2. Kiểm tra</h3>
<ul><li>bản chụp rõ, đủ các trang, đúng giấy tờ ghi trong yêu cầu;</li>
<li>giấy tờ không thuộc các trường hợp không được chứng thực;</li>
<li>số trang và số bản để tính phí.</li></ul>`,
          },
          {
            kind: "TEXT",
            title: "Bước 3–4: Đối chiếu với bản chính, ký số và trả kết quả",
            body: `<h3>Bước 3. Đối chiếu</h3>
<p>Công chức đối chiếu bản chụp với bản chính do người yêu cầu xuất trình. Nếu bản chính đã có trong cơ sở dữ liệu chuyên ngành hoặc Kho quản lý dữ liệu điện tử của tổ chức, cá nhân, việc đối chiếu thực hiện trên dữ liệu đó.</p>
<h3>Bước 4. Ký số và trả kết quả</h3>
<p>Người có thẩm quyền ký số trên bản sao điện tử bằng chữ ký số chuyên dùng của cơ quan; hệ thống ghi số chứng thực vào <em>sổ chứng thực điện tử</em>. Kết quả là tệp PDF có chữ ký số, được trả vào tài khoản của người yêu cầu trên Cổng và lưu tại Kho quản lý dữ liệu điện tử để dùng lại cho các thủ tục khác.</p>
<p><strong>Thời hạn:</strong> trong ngày tiếp nhận hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ; có thể dài hơn với số lượng lớn, nhưng phải hẹn rõ với người yêu cầu.</p>`,
          },
          {
            kind: "TEXT",
            title: "Phí chứng thực và lưu trữ",
            body: `<p>Mức thu phí chứng thực bản sao từ bản chính theo Thông tư số 226/2016/TT-BTC:</p>
<table><thead><tr><th scope="col">Nội dung</th><th scope="col">Mức thu</th></tr></thead>
<tbody><tr><td>Trang thứ nhất, trang thứ hai</td><td>2.000 đồng/trang</td></tr>
<tr><td>Từ trang thứ ba trở lên</td><td>1.000 đồng/trang</td></tr>
<tr><td>Tối đa</td><td>200.000 đồng/bản</td></tr></tbody></table>
<p>Phí nộp trực tuyến qua nền tảng thanh toán của Cổng Dịch vụ công quốc gia; biên lai điện tử gửi kèm kết quả. Hồ sơ chứng thực điện tử được lưu trên hệ thống theo thời hạn lưu trữ hồ sơ chứng thực; cuối kỳ, số liệu được tổng hợp vào báo cáo công tác chứng thực gửi Sở Tư pháp.</p>`,
          },
        ],
      },
    ],
  },
  {
    code: "PY.CCHC.2026.02",
    areaCode: "KH-CCHC",
    title: "Xây dựng kế hoạch cải cách hành chính năm",
    summary:
      "Cấu trúc và cách xây dựng kế hoạch CCHC năm của cơ quan, đơn vị: căn cứ, mục tiêu, nhiệm vụ theo 6 nội dung CCHC, kinh phí và tổ chức thực hiện.",
    objectives:
      "Học viên xây dựng được dự thảo kế hoạch CCHC năm của đơn vị: nhiệm vụ cụ thể, có sản phẩm, thời hạn và đơn vị chủ trì; gắn với các tiêu chí của Chỉ số CCHC.",
    targetGroups: ["CCHC_FOCAL", "LEADERS"],
    hours: 6,
    sections: [
      {
        title: "Phần 1. Căn cứ và mục tiêu",
        lessons: [
          {
            kind: "TEXT",
            title: "Căn cứ xây dựng kế hoạch",
            body: `<p>Kế hoạch CCHC năm của cơ quan, đơn vị căn cứ vào:</p>
<ul><li>Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể CCHC nhà nước giai đoạn 2021–2030;</li>
<li>Kế hoạch CCHC giai đoạn 2021–2025 và kế hoạch CCHC năm của UBND tỉnh;</li>
<li>kết quả Chỉ số CCHC năm trước của tỉnh và của đơn vị: những tiêu chí bị trừ điểm là nơi kế hoạch năm nay phải tập trung;</li>
<li>chức năng, nhiệm vụ và điều kiện thực tế của đơn vị.</li></ul>
<p>Thời hạn: kế hoạch cấp xã, cấp sở thường ban hành trước ngày 31/12 của năm trước hoặc trong tháng 01, sau khi có kế hoạch của tỉnh.</p>`,
          },
          {
            kind: "TEXT",
            title: "Viết mục tiêu đo được",
            body: `<p>Mục tiêu chung nêu kết quả cải cách đơn vị hướng tới; <strong>chỉ tiêu</strong> phải đo được, ví dụ:</p>
<ul><li>100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình;</li>
<li>tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98% trở lên;</li>
<li>tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ đạt ít nhất 50%;</li>
<li>mức độ hài lòng của người dân, doanh nghiệp đạt trên 90%.</li></ul>
<p>Mỗi chỉ tiêu có nguồn số liệu để kiểm chứng khi báo cáo (Hệ thống thông tin giải quyết TTHC, sổ theo dõi, phiếu khảo sát).</p>`,
          },
        ],
      },
      {
        title: "Phần 2. Nhiệm vụ, kinh phí, tổ chức thực hiện",
        lessons: [
          {
            kind: "TEXT",
            title: "Nhiệm vụ theo 6 nội dung CCHC",
            body: `<p>Nhiệm vụ được sắp theo 6 nội dung của Chương trình tổng thể:</p>
<ol><li><strong>Cải cách thể chế</strong>: xây dựng, rà soát, kiểm tra văn bản quy phạm pháp luật thuộc thẩm quyền;</li>
<li><strong>Cải cách thủ tục hành chính</strong>: rà soát, đơn giản hóa TTHC; công khai; thực hiện cơ chế một cửa, một cửa liên thông;</li>
<li><strong>Cải cách tổ chức bộ máy</strong>: sắp xếp tổ chức, quản lý biên chế;</li>
<li><strong>Cải cách chế độ công vụ</strong>: vị trí việc làm, tuyển dụng, đánh giá, đào tạo, bồi dưỡng, kỷ luật, kỷ cương;</li>
<li><strong>Cải cách tài chính công</strong>: cơ chế tự chủ, quản lý và sử dụng tài sản công;</li>
<li><strong>Xây dựng và phát triển Chính quyền điện tử, chính quyền số</strong>: dịch vụ công trực tuyến, số hóa hồ sơ, kết quả giải quyết TTHC.</li></ol>
<p>Mỗi nhiệm vụ ghi rõ: sản phẩm, cơ quan chủ trì, cơ quan phối hợp, thời hạn hoàn thành. Thêm các nhiệm vụ chung: chỉ đạo, điều hành; kiểm tra; tuyên truyền; khảo sát sự hài lòng.</p>`,
          },
          {
            kind: "TEXT",
            title: "Kinh phí và tổ chức thực hiện",
            body: `<p><strong>Kinh phí</strong> bố trí trong dự toán ngân sách năm của đơn vị (nguồn chi thường xuyên), lập dự toán chi tiết cho từng nhiệm vụ có phát sinh chi: tuyên truyền, khảo sát, tập huấn, số hóa.</p>
<p><strong>Tổ chức thực hiện</strong> giao trách nhiệm cho người đứng đầu, bộ phận tham mưu CCHC và từng phòng, ban; quy định chế độ báo cáo định kỳ (quý, 6 tháng, năm) và việc điều chỉnh kế hoạch khi cần.</p>
<blockquote>Kế hoạch tốt là kế hoạch mà cuối năm có thể báo cáo từng dòng: đã làm gì, sản phẩm ở đâu.</blockquote>`,
          },
          { kind: "LINK", title: "Cổng Thông tin điện tử Chính phủ – văn bản", url: "https://vanban.chinhphu.vn/" },
        ],
      },
    ],
  },
  {
    code: "PY.CCHC.2026.03",
    areaCode: "TD-DG-CCHC",
    title: "Theo dõi, đánh giá Chỉ số cải cách hành chính (PAR Index)",
    summary:
      "Cách Bộ Nội vụ xác định Chỉ số CCHC của tỉnh, cách tỉnh đánh giá Chỉ số CCHC của các sở, ngành và UBND cấp xã, và cách chuẩn bị tài liệu kiểm chứng.",
    objectives:
      "Học viên hiểu cấu trúc Chỉ số CCHC, tự chấm điểm đúng hướng dẫn, lập hồ sơ tài liệu kiểm chứng đầy đủ và phân tích kết quả để cải thiện.",
    targetGroups: ["CCHC_FOCAL", "CONG_CHUC"],
    hours: 6,
    sections: [
      {
        title: "Phần 1. Cấu trúc Chỉ số CCHC",
        lessons: [
          {
            kind: "TEXT",
            title: "Chỉ số CCHC cấp tỉnh gồm những gì",
            body: `<p>Chỉ số CCHC cấp tỉnh (PAR Index) do Bộ Nội vụ công bố hằng năm, theo Đề án xác định Chỉ số CCHC của các bộ, cơ quan ngang bộ, UBND các tỉnh, thành phố trực thuộc trung ương (Quyết định số 876/QĐ-BNV năm 2022). Điểm được hình thành từ hai phần:</p>
<ul><li><strong>tự đánh giá, thẩm định</strong> theo các lĩnh vực, tiêu chí, tiêu chí thành phần, có tài liệu kiểm chứng;</li>
<li><strong>điều tra xã hội học</strong>: ý kiến của lãnh đạo, công chức và kết quả đo lường sự hài lòng của người dân, tổ chức (SIPAS).</li></ul>
<p>Trên cơ sở đó, UBND tỉnh ban hành bộ chỉ số riêng để đánh giá các sở, ban, ngành và UBND cấp xã.</p>`,
          },
          {
            kind: "TEXT",
            title: "Tài liệu kiểm chứng",
            body: `<p>Mỗi điểm tự chấm phải có <strong>tài liệu kiểm chứng</strong>: văn bản, báo cáo, ảnh chụp màn hình hệ thống, số liệu trích xuất. Nguyên tắc:</p>
<ol><li>đúng tiêu chí, đúng năm đánh giá;</li>
<li>có số, ngày ban hành, chữ ký và dấu (hoặc chữ ký số);</li>
<li>đặt tên tệp theo mã tiêu chí (ví dụ <code>2.1.3_KeHoachKiemTra.pdf</code>) để người thẩm định tìm được ngay.</li></ol>
<p>Thiếu tài liệu kiểm chứng, tiêu chí bị chấm 0 điểm dù việc đã làm.</p>`,
          },
        ],
      },
      {
        title: "Phần 2. Phân tích kết quả để cải thiện",
        lessons: [
          {
            kind: "TEXT",
            title: "Đọc kết quả và lập danh sách tiêu chí cần khắc phục",
            body: `<p>Khi có kết quả, so sánh điểm của đơn vị với điểm tối đa và với trung bình của khối theo từng lĩnh vực. Lập bảng: tiêu chí bị trừ điểm – nguyên nhân – biện pháp – người chịu trách nhiệm – thời hạn. Đưa các biện pháp này vào kế hoạch CCHC năm sau.</p>
<p>Chú ý các tiêu chí về tỷ lệ hồ sơ đúng hạn, dịch vụ công trực tuyến và số hóa: số liệu lấy tự động từ hệ thống, nên cần theo dõi hằng tháng chứ không đợi cuối năm.</p>`,
          },
          { kind: "LINK", title: "Trang thông tin Bộ Nội vụ", url: "https://moha.gov.vn/" },
        ],
      },
    ],
  },
  {
    code: "PY.CCHC.2026.04",
    areaCode: "TT-CCHC",
    title: "Truyền thông, tuyên truyền về cải cách hành chính ở cơ sở",
    summary:
      "Lập kế hoạch và thực hiện tuyên truyền CCHC ở xã, phường: nội dung, hình thức phù hợp với người dân, đo hiệu quả.",
    objectives:
      "Học viên lập được kế hoạch tuyên truyền CCHC năm của đơn vị và biết chọn hình thức phù hợp (loa truyền thanh, mạng xã hội, hội nghị, tại bộ phận Một cửa).",
    targetGroups: ["CAN_BO", "CONG_CHUC", "CCHC_FOCAL"],
    hours: 4,
    sections: [
      {
        title: "Phần 1. Nội dung tuyên truyền",
        lessons: [
          {
            kind: "TEXT",
            title: "Tuyên truyền gì, cho ai",
            body: `<p>Tuyên truyền CCHC hướng tới hai nhóm: <strong>cán bộ, công chức</strong> (nhận thức, trách nhiệm thực hiện) và <strong>người dân, doanh nghiệp</strong> (biết và dùng dịch vụ công, giám sát việc giải quyết thủ tục).</p>
<ul><li>chủ trương, kế hoạch CCHC của tỉnh và của đơn vị;</li>
<li>thủ tục hành chính thường dùng: hộ tịch, chứng thực, đất đai; cách nộp trực tuyến, thanh toán trực tuyến;</li>
<li>kênh phản ánh, kiến nghị và kết quả xử lý phản ánh.</li></ul>`,
          },
          {
            kind: "TEXT",
            title: "Hình thức phù hợp ở cơ sở",
            body: `<ol><li>Loa truyền thanh xã, phường: bản tin ngắn 3–5 phút, phát lặp lại trong tuần;</li>
<li>Trang mạng xã hội của UBND: video hướng dẫn nộp hồ sơ trực tuyến quay ngay tại bộ phận Một cửa;</li>
<li>Hội nghị thôn, khu phố: lồng ghép 10 phút hướng dẫn dịch vụ công;</li>
<li>Tại bộ phận Một cửa: tờ gấp, mã QR dẫn đến thủ tục trên Cổng Dịch vụ công.</li></ol>`,
          },
        ],
      },
      {
        title: "Phần 2. Đo hiệu quả",
        lessons: [
          {
            kind: "TEXT",
            title: "Đo hiệu quả tuyên truyền",
            body: `<p>Đặt chỉ tiêu có thể đếm: số tin bài, lượt xem video, số người dự hội nghị; và quan trọng hơn, sự thay đổi hành vi: tỷ lệ hồ sơ nộp trực tuyến tăng bao nhiêu sau chiến dịch. Ghi lại bằng chứng (ảnh, đường dẫn, số liệu) làm tài liệu kiểm chứng cho tiêu chí tuyên truyền CCHC.</p>`,
          },
          { kind: "LINK", title: "Hướng dẫn sử dụng Cổng Dịch vụ công quốc gia", url: "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html" },
        ],
      },
    ],
  },
];

export type DemoCoursesResult = { created: boolean; courses: number };

/** Loads DEMO_COURSES once (see the header). */
export async function seedDemoCourses(prisma: Db): Promise<DemoCoursesResult> {
  const first = DEMO_COURSES[0]!;
  if (await prisma.course.findUnique({ where: { code: first.code }, select: { id: true } })) {
    return { created: false, courses: await prisma.course.count() };
  }
  const [owner, root, trainer, learner, areas] = await Promise.all([
    prisma.unit.findUnique({ where: { code: "PY.SNV" }, select: { id: true } }),
    prisma.unit.findUnique({ where: { code: "PY" }, select: { id: true } }),
    prisma.user.findUnique({ where: { email: DEMO_ACCOUNTS.trainer.email }, select: { id: true } }),
    prisma.user.findUnique({ where: { email: DEMO_ACCOUNTS.learner.email }, select: { id: true, unitId: true } }),
    prisma.courseArea.findMany({ select: { id: true, code: true } }),
  ]);
  if (!owner || !root || !trainer) return { created: false, courses: await prisma.course.count() };
  const areaId = new Map(areas.map((a) => [a.code, a.id]));

  await transaction(
    async (tx) => {
      const now = new Date();
      for (const c of DEMO_COURSES) {
        const id = randomUUID();
        await tx.course.create({
          data: {
            id,
            code: c.code,
            title: c.title,
            areaId: areaId.get(c.areaCode) ?? areas[0]!.id,
            unitId: owner.id,
            summary: c.summary,
            objectives: c.objectives,
            targetGroups: c.targetGroups,
            hours: c.hours,
            status: "PUBLISHED",
            selfEnrol: true,
            searchText: foldForSearch(`${c.title} ${c.code} ${c.summary}`),
            createdById: trainer.id,
            publishedAt: now,
            trainers: { create: { userId: trainer.id } },
            audience: { create: { unitId: root.id } },
          },
        });
        for (const [si, s] of c.sections.entries()) {
          const section = await tx.courseSection.create({ data: { courseId: id, title: s.title, position: si + 1 } });
          await tx.lesson.createMany({
            data: s.lessons.map((l, li) => ({
              courseId: id,
              sectionId: section.id,
              title: l.title,
              kind: l.kind,
              position: li + 1,
              body: l.kind === "TEXT" ? sanitizeRichText(l.body) : null,
              url: l.kind === "LINK" ? l.url : null,
            })),
          });
        }
        if (learner && c === first) {
          await tx.enrolment.create({ data: { userId: learner.id, courseId: id, unitId: learner.unitId } });
        }
      }
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  return { created: true, courses: DEMO_COURSES.length };
}
