// Brings a database to the current schema and, when it is empty and --seed is given, loads the
// demo province. Runs before the server starts (the embedded database allows one process at a time).
import { closeDb, db, dbTarget } from "@/lib/db";
import { describeTarget } from "@/lib/db/config";
import { applyMigrations } from "@/lib/db/migrations";
import { seedDemoCourses } from "@/prisma/seed/demo-courses";
import { seedDemoPlan } from "@/prisma/seed/demo-plan";
import { seedDemoQuizzes } from "@/prisma/seed/demo-quizzes";
import { seedDemo } from "@/prisma/seed/seed-demo";

const target = dbTarget();
const started = Date.now();
const applied = await applyMigrations(target);
console.log(`[db] ${describeTarget(target)}: ${applied.length ? `applied ${applied.join(", ")}` : "schema up to date"}`);
if (process.argv.includes("--seed")) {
  const result = await seedDemo(db());
  console.log(
    result.created
      ? `[db] demo data loaded: ${result.units} units, ${result.users} people`
      : `[db] existing data kept: ${result.units} units, ${result.users} people`,
  );
  // Checked on their own: a demo database made before courses existed gets them too.
  const courses = await seedDemoCourses(db());
  console.log(courses.created ? `[db] demo courses loaded: ${courses.courses}` : `[db] courses kept: ${courses.courses}`);
  if ((await seedDemoPlan(db())).created) console.log("[db] demo training plan and class loaded");
  const quizzes = await seedDemoQuizzes(db());
  if (quizzes.created) console.log(`[db] demo question banks and quizzes loaded: ${quizzes.quizzes}`);
}
await closeDb();
console.log(`[db] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
