// Load the demo data: `npm run db:seed` (DATABASE_URL=postgresql://… or the embedded database).
// Does nothing if the database already has units.
import { closeDb, db } from "@/lib/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./seed/demo-data";
import { seedDemoCourses } from "./seed/demo-courses";
import { seedDemoPlan } from "./seed/demo-plan";
import { seedDemoQuizzes } from "./seed/demo-quizzes";
import { seedDemo } from "./seed/seed-demo";

const started = performance.now();
try {
  const result = await seedDemo(db());
  // Courses are checked on their own: a database seeded before courses existed gets them too.
  const courses = await seedDemoCourses(db());
  const ms = Math.round(performance.now() - started);
  console.log(
    result.created
      ? `Đã tạo dữ liệu mẫu: ${result.units} đơn vị, ${result.users} người dùng (${ms} ms). ` +
          `Đăng nhập ${DEMO_ACCOUNTS.provinceAdmin.email} / ${DEMO_PASSWORD}`
      : `Cơ sở dữ liệu đã có ${result.units} đơn vị, ${result.users} người dùng: không nạp dữ liệu mẫu.`,
  );
  console.log(courses.created ? `Đã tạo ${courses.courses} khóa học mẫu.` : `Đã có ${courses.courses} khóa học: không nạp khóa học mẫu.`);
  if ((await seedDemoPlan(db())).created) console.log("Đã tạo kế hoạch đào tạo, bồi dưỡng năm nay và một lớp mẫu.");
  const quizzes = await seedDemoQuizzes(db());
  if (quizzes.created) console.log(`Đã tạo ngân hàng câu hỏi và ${quizzes.quizzes} bài kiểm tra mẫu.`);
} finally {
  await closeDb();
}
