// Benchmark (not a test): a whole class starts one quiz at once (issue 10).
//   npx next build && npx tsx bench/quiz-storm.ts
// On PostgreSQL, the app (`next start`) and the load generator on this machine:
//   1. control: pgbench's TPC-B-like rate (the database's limit for small write transactions);
//   2. control: a bare route handler in a minimal Next.js app, built here, doing one comparable
//      transaction (an idempotency-key insert plus an answer upsert guarded by sequence);
//   3. the app's answer save at saturation, the same way, and the ratio of the two;
//   4. the storm: BENCH_LEARNERS learners start within BENCH_START_WINDOW seconds, each saves
//      BENCH_ANSWERS answers at human pace (BENCH_THINK_MIN..MAX seconds apart) and submits.
//      Errors, p50/p95/p99 per request type, and answers lost: every acknowledged answer is
//      checked in the database afterwards.
// Sessions are minted with next-auth's own `encode` (what sign-in would set): a thousand argon2
// sign-ins are not what this measures. BENCH_DATABASE_URL is dropped and recreated.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { recreateDatabase } from "./db";

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/taphuan_bench_quiz";
const port = Number(process.env.BENCH_PORT ?? 3300);
const barePort = Number(process.env.BENCH_BARE_PORT ?? 3301);
const base = `http://localhost:${port}`;
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 1000);
const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 20);
const START_WINDOW = Number(process.env.BENCH_START_WINDOW ?? 10);
const THINK_MIN = Number(process.env.BENCH_THINK_MIN ?? 2);
const THINK_MAX = Number(process.env.BENCH_THINK_MAX ?? 8);
const SAT_SECONDS = Number(process.env.BENCH_SAT_SECONDS ?? 15);
const SAT_CONNECTIONS = Number(process.env.BENCH_SAT_CONNECTIONS ?? 20);
const secret = randomBytes(32).toString("hex");
const repo = process.cwd();

type Stat = { n: number; p50: number; p95: number; p99: number; max: number };
function stat(values: number[]): Stat {
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))] ?? 0);
  return { n: v.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Math.round(v[v.length - 1] ?? 0) };
}

async function waitFor(urlToPoll: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${urlToPoll}: the server exited (${child.exitCode})`);
    try {
      const res = await fetch(urlToPoll);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${urlToPoll} did not start`);
}

function stop(child: ChildProcess | null) {
  if (child?.pid) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // gone
    }
  }
}

// ── the data: one course, one quiz of ANSWERS single-choice questions, LEARNERS enrolled ─────
async function generate() {
  await recreateDatabase(url);
  const { applyMigrations } = await import("@/lib/db/migrations");
  await applyMigrations({ kind: "postgres", url });
  const { db } = await import("@/lib/db");
  const { makeProvince, makeUser } = await import("@/lib/testing/factories");
  const { makeCourse } = await import("@/lib/testing/course-factories");
  const { makeQuiz, choiceDraft } = await import("@/lib/testing/quiz-factories");
  const p = await makeProvince();
  const trainer = await makeUser({ unitId: p.agency.id, grants: [{ role: "TRAINER", unitId: p.agency.id }] });
  const course = await makeCourse({ unitId: p.agency.id, audience: [p.province.id], trainerIds: [trainer.id] });
  const drafts = Array.from({ length: ANSWERS }, (_, i) => choiceDraft(`Câu hỏi số ${i + 1} về cải cách hành chính`, ["Phương án A", "Phương án B", "Phương án C", "Phương án D"]));
  const { quiz } = await makeQuiz({ courseId: course.id, drafts, settings: { timeLimitSeconds: 60 * 60, attemptsAllowed: 0 } });
  const units = [p.communeA.id, p.communeB.id, p.ward.id, p.city.id, p.district.id];
  const learners = Array.from({ length: LEARNERS + SAT_CONNECTIONS * 2 }, (_, i) => ({
    id: randomUUID(),
    email: `hoc-vien-${i}.${p.tag.toLowerCase()}@bench.taphuan.vn`,
    fullName: `Học viên số ${i + 1}`,
    passwordHash: "x",
    unitId: units[i % units.length]!,
  }));
  for (let i = 0; i < learners.length; i += 2000) {
    const chunk = learners.slice(i, i + 2000);
    await db().user.createMany({ data: chunk });
    await db().roleGrant.createMany({ data: chunk.map((l) => ({ userId: l.id, role: "LEARNER" as const, unitId: l.unitId })) });
    await db().enrolment.createMany({ data: chunk.map((l) => ({ userId: l.id, courseId: course.id, unitId: l.unitId, status: "ACTIVE" as const })) });
  }
  const options = await db().quizSlot.count({ where: { quizId: quiz.id } });
  const { closeDb } = await import("@/lib/db");
  await closeDb();
  return { quizId: quiz.id, learners: learners.map((l) => l.id), questions: options };
}

async function cookieFor(userId: string): Promise<string> {
  const token = await encode({ token: { sub: userId, sv: 0 }, secret, maxAge: 12 * 3600 });
  return `next-auth.session-token=${token}`;
}

// ── control 1: pgbench ────────────────────────────────────────────────────────────────────
function pgbenchControl(): { tps: number; latencyMs: number } | null {
  const u = new URL(url);
  const db = `${u.pathname.slice(1)}_pgbench`;
  const conn = ["-h", u.hostname, "-p", u.port || "5432", "-U", u.username || "postgres"];
  spawnSync("dropdb", [...conn, "--if-exists", "--force", db]);
  if (spawnSync("createdb", [...conn, db]).status !== 0) return null;
  const init = spawnSync("pgbench", [...conn, "-i", "-q", "-s", "10", db], { encoding: "utf8" });
  if (init.status !== 0) {
    console.error("pgbench -i failed:", init.stderr);
    return null;
  }
  const run = spawnSync("pgbench", [...conn, "-c", String(SAT_CONNECTIONS), "-j", "2", "-T", String(SAT_SECONDS), db], { encoding: "utf8" });
  spawnSync("dropdb", [...conn, "--if-exists", "--force", db]);
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)?.[1];
  const lat = /latency average = ([\d.]+) ms/.exec(run.stdout)?.[1];
  return tps ? { tps: Number(tps), latencyMs: Number(lat ?? 0) } : null;
}

// ── control 2: the bare route handler ─────────────────────────────────────────────────────
const BARE_ROUTE = `import pg from "pg";
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
export const dynamic = "force-dynamic";
export async function PUT(request) {
  const body = await request.json();
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const key = await client.query('INSERT INTO bare_idem ("key") VALUES ($1) ON CONFLICT DO NOTHING', [body.key]);
    let applied = 0;
    if (key.rowCount === 1) {
      const r = await client.query(
        'INSERT INTO bare_answer ("attempt", "position", "response", "seq") VALUES ($1, $2, $3, $4) ' +
          'ON CONFLICT ("attempt", "position") DO UPDATE SET "response" = EXCLUDED."response", "seq" = EXCLUDED."seq" ' +
          'WHERE bare_answer."seq" < EXCLUDED."seq"',
        [body.attempt, body.position, JSON.stringify(body.response), body.seq],
      );
      applied = r.rowCount;
    }
    await client.query("COMMIT");
    return Response.json({ lastSeq: body.seq, applied });
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  } finally {
    client.release();
  }
}
`;

async function bareApp(): Promise<{ child: ChildProcess; dir: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE IF NOT EXISTS bare_idem ("key" uuid PRIMARY KEY)`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS bare_answer ("attempt" uuid, "position" int, "response" jsonb, "seq" int, PRIMARY KEY ("attempt", "position"))`,
  );
  await client.end();
  // Inside the repository (ignored by git), so that Next.js finds its own package by walking up.
  mkdirSync(path.join(repo, ".bench"), { recursive: true });
  const dir = mkdtempSync(path.join(repo, ".bench", "bare-"));
  mkdirSync(path.join(dir, "app", "api", "save"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bare", private: true, type: "module" }));
  writeFileSync(path.join(dir, "next.config.mjs"), "export default {};\n");
  writeFileSync(path.join(dir, "app", "layout.js"), "export default function L({ children }) { return children; }\n");
  writeFileSync(path.join(dir, "app", "api", "save", "route.js"), BARE_ROUTE);
  const nextBin = path.join(repo, "node_modules", ".bin", "next");
  const build = spawnSync(nextBin, ["build"], { cwd: dir, encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error(`bare app build failed:\n${build.stdout}\n${build.stderr}`);
  const child = spawn(nextBin, ["start", "-p", String(barePort)], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  await waitFor(`http://localhost:${barePort}/api/save`, child);
  return { child, dir };
}

type Saturation = { rps: number; p50: number; p975: number; p99: number; errors: number; non2xx: number };
function saturate(target: string, requests: (i: number) => { path: string; body: string; headers: Record<string, string> }): Promise<Saturation> {
  let i = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: target,
        connections: SAT_CONNECTIONS,
        duration: SAT_SECONDS,
        requests: [
          {
            method: "PUT",
            setupRequest: (req: autocannon.Request) => {
              const r = requests(i++);
              return { ...req, method: "PUT", path: r.path, body: r.body, headers: { ...req.headers, "content-type": "application/json", ...r.headers } };
            },
          },
        ],
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({ rps: Math.round(r.requests.average), p50: r.latency.p50, p975: r.latency.p97_5, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx });
      },
    );
  });
}

// ── the app ───────────────────────────────────────────────────────────────────────────────
type Learner = { userId: string; cookie: string; attemptId?: string; acked: Map<number, string>; seq: number };

async function call(method: string, p: string, cookie: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(base + p, {
    method,
    headers: { cookie, "content-type": "application/json", origin: base },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

async function start(l: Learner, quizId: string): Promise<void> {
  const r = await call("POST", `/api/quizzes/${quizId}/attempts`, l.cookie);
  if (r.status !== 200 && r.status !== 201) throw new Error(`start ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
  l.attemptId = (r.json as { attemptId: string }).attemptId;
}

async function main() {
  console.log(`generating: ${LEARNERS} learners, one quiz of ${ANSWERS} questions…`);
  const world = await generate();
  const pgb = pgbenchControl();
  console.log(pgb ? `pgbench TPC-B-like: ${pgb.tps.toFixed(0)} tps (${SAT_CONNECTIONS} clients, ${SAT_SECONDS} s)` : "pgbench: not available");

  let bare: { child: ChildProcess; dir: string } | null = null;
  let app: ChildProcess | null = null;
  try {
    bare = await bareApp();
    const bareBase = `http://localhost:${barePort}`;
    const attempts = Array.from({ length: SAT_CONNECTIONS }, () => randomUUID());
    await saturate(bareBase, (i) => ({ path: "/api/save", body: JSON.stringify({ key: randomUUID(), attempt: attempts[i % attempts.length], position: i % ANSWERS, response: { optionId: "o1" }, seq: i + 1 }), headers: {} })); // warm-up
    const bareSat = await saturate(bareBase, (i) => ({
      path: "/api/save",
      body: JSON.stringify({ key: randomUUID(), attempt: attempts[i % attempts.length], position: (i % ANSWERS) + 1, response: { optionId: `o${(i % 4) + 1}` }, seq: 1_000_000 + i }),
      headers: {},
    }));
    stop(bare.child);
    console.log(`bare handler: ${bareSat.rps} saves/s, p50 ${bareSat.p50} ms, p99 ${bareSat.p99} ms, errors ${bareSat.errors}, non-2xx ${bareSat.non2xx}`);

    app = spawn(path.join(repo, "node_modules", ".bin", "next"), ["start", "-p", String(port)], {
      env: { ...process.env, DATABASE_URL: url, NEXTAUTH_URL: base, NEXTAUTH_SECRET: secret, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
      detached: true,
    });
    await waitFor(`${base}/api/health`, app);

    // Saturation of the app's save: the spare learners, one attempt each, sequences rising.
    const spare = world.learners.slice(LEARNERS);
    const satLearners: Learner[] = [];
    for (const userId of spare) {
      const l: Learner = { userId, cookie: await cookieFor(userId), acked: new Map(), seq: 0 };
      await start(l, world.quizId);
      satLearners.push(l);
    }
    const appReq = (group: Learner[], offset: number) => (i: number) => {
      const l = group[i % group.length]!;
      return {
        path: `/api/attempts/${l.attemptId}/answers`,
        body: JSON.stringify({ seq: offset + i + 1, answers: [{ position: (i % ANSWERS) + 1, response: { optionId: `o${(i % 4) + 1}` } }] }),
        headers: { cookie: l.cookie, origin: base },
      };
    };
    await saturate(base, appReq(satLearners.slice(0, SAT_CONNECTIONS), 0)); // warm-up
    const appSat = await saturate(base, appReq(satLearners.slice(SAT_CONNECTIONS), 0));
    console.log(`app save: ${appSat.rps} saves/s, p50 ${appSat.p50} ms, p99 ${appSat.p99} ms, errors ${appSat.errors}, non-2xx ${appSat.non2xx}`);

    // The storm.
    const learners: Learner[] = [];
    for (const userId of world.learners.slice(0, LEARNERS)) learners.push({ userId, cookie: await cookieFor(userId), acked: new Map(), seq: 0 });
    const lat = { start: [] as number[], save: [] as number[], submit: [] as number[] };
    const errors = { start: 0, save: 0, submit: 0 };
    const examples: string[] = [];
    const note = (kind: keyof typeof errors, e: unknown) => {
      errors[kind]++;
      if (examples.length < 5) examples.push(`${kind}: ${e instanceof Error ? e.message : String(e)}`);
    };
    const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
    const began = performance.now();
    await Promise.all(
      learners.map(async (l) => {
        await sleep(Math.random() * START_WINDOW);
        let t = performance.now();
        try {
          await start(l, world.quizId);
          lat.start.push(performance.now() - t);
        } catch (e) {
          note("start", e);
          return;
        }
        for (let q = 1; q <= ANSWERS; q++) {
          await sleep(THINK_MIN + Math.random() * (THINK_MAX - THINK_MIN));
          const optionId = `o${1 + Math.floor(Math.random() * 4)}`;
          l.seq += 1;
          t = performance.now();
          try {
            const r = await call("PUT", `/api/attempts/${l.attemptId}/answers`, l.cookie, { seq: l.seq, answers: [{ position: q, response: { optionId } }] });
            lat.save.push(performance.now() - t);
            if (r.status !== 200) throw new Error(`save ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
            if ((r.json as { saved: number[] }).saved.includes(q)) l.acked.set(q, optionId);
          } catch (e) {
            note("save", e);
          }
        }
        t = performance.now();
        try {
          const r = await call("POST", `/api/attempts/${l.attemptId}/submit`, l.cookie);
          lat.submit.push(performance.now() - t);
          if (r.status !== 200) throw new Error(`submit ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
        } catch (e) {
          note("submit", e);
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;

    // Answers lost: every acknowledged answer must be the stored one.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const stored = await client.query<{ attemptId: string; position: number; optionId: string | null; state: string }>(
      `SELECT q."attemptId", q."position", q."response"->>'optionId' AS "optionId", a."state"
       FROM "AttemptQuestion" q JOIN "QuizAttempt" a ON a."id" = q."attemptId"
       WHERE a."id" = ANY($1::uuid[])`,
      [learners.map((l) => l.attemptId).filter(Boolean)],
    );
    const byAttempt = new Map<string, Map<number, string | null>>();
    let unfinished = 0;
    const seen = new Set<string>();
    for (const row of stored.rows) {
      if (!byAttempt.has(row.attemptId)) byAttempt.set(row.attemptId, new Map());
      byAttempt.get(row.attemptId)!.set(row.position, row.optionId);
      if (row.state !== "FINISHED" && !seen.has(row.attemptId)) unfinished++;
      seen.add(row.attemptId);
    }
    await client.end();
    let acked = 0;
    let lost = 0;
    for (const l of learners) {
      for (const [position, optionId] of l.acked) {
        acked++;
        if (byAttempt.get(l.attemptId!)?.get(position) !== optionId) lost++;
      }
    }

    const rows = (Object.keys(lat) as (keyof typeof lat)[]).map((k) => ({ k, s: stat(lat[k]), e: errors[k] }));
    console.log(`\nStorm: ${LEARNERS} learners starting within ${START_WINDOW} s, ${ANSWERS} answers each ${THINK_MIN}–${THINK_MAX} s apart, then submit; ${seconds.toFixed(0)} s in all`);
    console.log("| request | count | errors | p50 ms | p95 ms | p99 ms | max ms |");
    console.log("|---|---|---|---|---|---|---|");
    for (const r of rows) console.log(`| ${r.k} | ${r.s.n} | ${r.e} | ${r.s.p50} | ${r.s.p95} | ${r.s.p99} | ${r.s.max} |`);
    console.log(`answers acknowledged: ${acked}; lost (acknowledged but not stored): ${lost}; attempts not finished: ${unfinished}`);
    if (examples.length) console.log(`first errors:\n  ${examples.join("\n  ")}`);
    console.log(`\nControls (${SAT_CONNECTIONS} connections, ${SAT_SECONDS} s each):`);
    console.log("| what | per second | p50 ms | p99 ms | errors |");
    console.log("|---|---|---|---|---|");
    if (pgb) console.log(`| pgbench TPC-B-like (transactions) | ${pgb.tps.toFixed(0)} | ${pgb.latencyMs.toFixed(1)} (avg) | – | 0 |`);
    console.log(`| bare Next.js route handler (saves) | ${bareSat.rps} | ${bareSat.p50} | ${bareSat.p99} | ${bareSat.errors + bareSat.non2xx} |`);
    console.log(`| taphuan answer save (saves) | ${appSat.rps} | ${appSat.p50} | ${appSat.p99} | ${appSat.errors + appSat.non2xx} |`);
    console.log(`ratios: app / bare handler = ${(appSat.rps / bareSat.rps).toFixed(2)} (target ≥ 0.7)` + (pgb ? `; app / pgbench = ${(appSat.rps / pgb.tps).toFixed(2)}` : ""));
  } finally {
    stop(app);
    if (bare) {
      stop(bare.child);
      rmSync(bare.dir, { recursive: true, force: true });
    }
  }
}

await main();
process.exit(0);
