// Load the demo data: `npm run db:seed` (DATABASE_URL=postgresql://… or the embedded database).
// Does nothing if the database already has units.
import { closeDb, db } from "@/lib/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./seed/demo-data";
import { seedDemo } from "./seed/seed-demo";

const started = performance.now();
try {
  const result = await seedDemo(db());
  const ms = Math.round(performance.now() - started);
  console.log(
    result.created
      ? `Đã tạo dữ liệu mẫu: ${result.units} đơn vị, ${result.users} người dùng (${ms} ms). ` +
          `Đăng nhập ${DEMO_ACCOUNTS.provinceAdmin.email} / ${DEMO_PASSWORD}`
      : `Cơ sở dữ liệu đã có ${result.units} đơn vị, ${result.users} người dùng: không nạp dữ liệu mẫu.`,
  );
} finally {
  await closeDb();
}
