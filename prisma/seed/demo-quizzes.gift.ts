// The demo question banks, written in GIFT (Moodle's format) as a province would bring them: one
// per demo course, about what that course teaches, plus the province's shared bank. Loaded by
// prisma/seed/demo-quizzes.ts through the same importer as an uploaded file.

export const PROVINCE_BANK_GIFT = `// Ngân hàng câu hỏi dùng chung của Sở Nội vụ
$CATEGORY: Kiến thức chung về CCHC

::CCHC-01 Sáu nội dung:: Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030 được ban hành kèm theo văn bản nào?{
=Nghị quyết số 76/NQ-CP của Chính phủ#Đúng. Nghị quyết số 76/NQ-CP ngày 15/7/2021.
~Nghị quyết số 30c/NQ-CP của Chính phủ#Đây là Chương trình tổng thể giai đoạn 2011–2020.
~Quyết định số 876/QĐ-BNV của Bộ Nội vụ#Quyết định này phê duyệt Đề án xác định Chỉ số CCHC.
}

::CCHC-02 Nội dung CCHC:: Những nội dung nào thuộc Chương trình tổng thể CCHC giai đoạn 2021–2030? (chọn các ý đúng){
~%33.33333%Cải cách thủ tục hành chính
~%33.33333%Cải cách chế độ công vụ
~%33.33334%Xây dựng và phát triển Chính quyền điện tử, chính quyền số
~%-100%Cải cách hệ thống giáo dục phổ thông
}

::CCHC-03 Một cửa:: Bộ phận Một cửa hướng dẫn người dân bổ sung hồ sơ chưa đầy đủ một lần duy nhất.{TRUE#Chưa đúng — chỉ hướng dẫn bổ sung một lần, đầy đủ.#Đúng — một lần, bằng thông báo trên hệ thống.}
`;

export const COURSE_BANKS_GIFT: Record<string, string> = {
  "PY.CCHC.2026.01": `// Chứng thực bản sao điện tử
$CATEGORY: Chứng thực điện tử/Căn cứ pháp lý

::CT-01 Thẩm quyền:: Cơ quan nào có thẩm quyền chứng thực bản sao từ bản chính giấy tờ do cơ quan có thẩm quyền của Việt Nam cấp?{
~%50%Phòng Tư pháp
~%50%UBND cấp xã
~%-100%Công an cấp xã
}

::CT-02 Không được chứng thực:: Bản chính bị tẩy xóa, sửa chữa nội dung không hợp lệ vẫn được chứng thực bản sao nếu người yêu cầu cam đoan.{F#Không đúng — Điều 22 Nghị định 23/2015/NĐ-CP không cho phép.}

$CATEGORY: Chứng thực điện tử/Quy trình

::CT-03 Đăng nhập:: Người yêu cầu đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử nào?{
=VNeID
=%50%định danh điện tử
####Tài khoản định danh điện tử VNeID do Bộ Công an cấp.
}

::CT-04 Phí:: Một bản sao 5 trang phải nộp bao nhiêu nghìn đồng phí chứng thực (2 trang đầu 2.000 đồng/trang, từ trang thứ ba 1.000 đồng/trang)?{#7:0}

::CT-05 Thời hạn:: Hồ sơ tiếp nhận sau 15 giờ được trả kết quả chậm nhất trong ngày làm việc tiếp theo.{T}

::CT-06 Ghép bước:: Ghép mỗi bước với việc công chức làm ở bước đó.{
=Tiếp nhận -> Kiểm tra hồ sơ trên hệ thống và tiếp nhận trong ngày
=Đối chiếu -> So bản chụp với bản chính
=Ký số -> Ký bằng chữ ký số chuyên dùng của cơ quan
}

::CT-07 Tình huống:: [html]<p>Một người dân đề nghị chứng thực bản sao giấy khai sinh đã ố vàng, mất một góc. Anh/chị xử lý thế nào và trả lời người dân ra sao?</p>{}
`,
  "PY.CCHC.2026.02": `// Xây dựng kế hoạch CCHC năm
$CATEGORY: Kế hoạch CCHC

::KH-01 Căn cứ:: Khi xây dựng kế hoạch CCHC năm, đơn vị cần tập trung vào điều gì từ kết quả Chỉ số CCHC năm trước?{
=Các tiêu chí bị trừ điểm
~Các tiêu chí đạt điểm tối đa
~Xếp hạng của các đơn vị khác
}

::KH-02 Chỉ tiêu:: Chỉ tiêu nào dưới đây đo được?{
=Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98% trở lên
~Nâng cao nhận thức của cán bộ về CCHC
~Tăng cường công tác chỉ đạo, điều hành
}

::KH-03 Sáu nội dung:: Chương trình tổng thể CCHC giai đoạn 2021–2030 gồm bao nhiêu nội dung?{#6}

::KH-04 Thành phần nhiệm vụ:: Mỗi nhiệm vụ trong kế hoạch cần ghi rõ những gì?{
~%25%Sản phẩm
~%25%Cơ quan chủ trì
~%25%Cơ quan phối hợp
~%25%Thời hạn hoàn thành
~%-50%Tên người soạn thảo kế hoạch
}

::KH-05 Kinh phí:: Kinh phí thực hiện kế hoạch CCHC của đơn vị được bố trí từ nguồn chi thường xuyên trong dự toán ngân sách năm.{TRUE}
`,
  "PY.CCHC.2026.03": `// Chỉ số CCHC (PAR Index)
$CATEGORY: Chỉ số CCHC

::PAR-01 Cơ quan công bố:: Chỉ số CCHC cấp tỉnh do cơ quan nào công bố hằng năm?{
=Bộ Nội vụ
~Văn phòng Chính phủ
~Bộ Tư pháp
}

::PAR-02 Hai phần:: Điểm Chỉ số CCHC được hình thành từ tự đánh giá, thẩm định và điều tra xã hội học.{T}

::PAR-03 Thiếu tài liệu:: Tiêu chí không có tài liệu kiểm chứng thì bị chấm bao nhiêu điểm?{#0}

::PAR-04 Tên tệp:: Tài liệu kiểm chứng nên được đặt tên tệp theo gì để người thẩm định tìm được ngay?{
=mã tiêu chí
=%100%theo mã tiêu chí
}

::PAR-05 Theo dõi:: Các tiêu chí về hồ sơ đúng hạn và dịch vụ công trực tuyến nên được theo dõi{
~cuối năm, khi tự chấm điểm
=hằng tháng, vì số liệu lấy tự động từ hệ thống
~khi có đoàn kiểm tra
}
`,
  "PY.CCHC.2026.04": `// Tuyên truyền CCHC ở cơ sở
$CATEGORY: Tuyên truyền CCHC

::TT-01 Hai nhóm:: Tuyên truyền CCHC hướng tới những nhóm nào?{
~%50%Cán bộ, công chức
~%50%Người dân, doanh nghiệp
~%-100%Chỉ lãnh đạo UBND
}

::TT-02 Loa truyền thanh:: Một bản tin CCHC trên loa truyền thanh xã nên dài khoảng bao nhiêu phút?{#3..5}

::TT-03 Đo hiệu quả:: Chỉ số nào cho thấy hành vi của người dân đã thay đổi sau chiến dịch tuyên truyền?{
=Tỷ lệ hồ sơ nộp trực tuyến tăng
~Số tin bài đã đăng
~Số người dự hội nghị
}

::TT-04 Ghép hình thức:: Ghép mỗi kênh với hình thức phù hợp.{
=Loa truyền thanh -> Bản tin ngắn phát lặp lại trong tuần
=Mạng xã hội -> Video hướng dẫn nộp hồ sơ trực tuyến
=Bộ phận Một cửa -> Tờ gấp và mã QR dẫn đến thủ tục
}
`,
};
