// Load benchmark (not a test): people list and search under 20 concurrent users on a generated
// province of 1,000 units and 50,000 people. Prints latency figures for docs/benchmarks.md.
//   npx next build && npx tsx bench/people-load.ts
// BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/taphuan_bench) is dropped and recreated.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { closeDb } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrations";
import { recreateDatabase } from "./db";
import { BENCH_PASSWORD, generateProvince } from "./generate-province";
import { signIn, waitForServer } from "./http";

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/taphuan_bench";
const port = Number(process.env.BENCH_PORT ?? 3300);
const base = `http://localhost:${port}`;
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const duration = Number(process.env.BENCH_SECONDS ?? 20);



/**
 * `connections` simulated people, each opening a page, reading it for 0.5–1.5 s, opening the next
 * (one page a second each: busier than people reading lists). Exact percentiles of what they waited.
 */
async function users(title: string, paths: string[], cookie: string) {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const end = Date.now() + duration * 1000;
  const person = async () => {
    await new Promise((r) => setTimeout(r, Math.random() * 1000)); // people do not all click at the same instant
    while (Date.now() < end) {
      const path = paths[n++ % paths.length]!;
      const start = performance.now();
      try {
        const res = await fetch(base + path, { headers: { cookie } });
        await res.text();
        if (!res.ok) errors++;
        latencies.push(performance.now() - start);
      } catch {
        errors++;
      }
      await new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));
    }
  };
  await Promise.all(Array.from({ length: connections }, person));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { title, rps: Math.round(latencies.length / duration), p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), errors };
}

/** Saturation: every connection asks again as soon as it is answered (autocannon). */
function load(title: string, paths: string[], cookie: string) {
  return new Promise<{ title: string; rps: number; p50: number; p90: number; p975: number; p99: number; errors: number; non2xx: number }>((resolve, reject) => {
    let i = 0;
    autocannon(
      {
        url: base,
        connections,
        duration,
        headers: { cookie },
        requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: paths[i++ % paths.length]! }) }],
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({
          title,
          rps: Math.round(r.requests.average),
          p50: r.latency.p50,
          p90: r.latency.p90,
          p975: r.latency.p97_5, // autocannon has no p95; p97.5 under the target implies p95 under it
          p99: r.latency.p99,
          errors: r.errors,
          non2xx: r.non2xx,
        });
      },
    );
  });
}

await recreateDatabase(url);
await applyMigrations({ kind: "postgres", url });
const world = await generateProvince();
await closeDb();
console.log(`generated ${world.units} units and ${world.people} people in ${world.seconds.toFixed(1)} s`);

const server = spawn("npx", ["next", "start", "-p", String(port)], {
  env: { ...process.env, DATABASE_URL: url, NEXTAUTH_URL: base, NEXTAUTH_SECRET: randomBytes(32).toString("hex"), NEXT_TELEMETRY_DISABLED: "1" },
  stdio: "ignore",
  detached: true,
});
try {
  await waitForServer(base);
  const admin = await signIn(base, world.provinceAdmin, BENCH_PASSWORD);
  const communeAdmin = await signIn(base, world.communeAdmin, BENCH_PASSWORD);
  const searches = ["nguyen van", "tran thi thu", "le huu", "pham", "vo thi tuyen", "dang quoc", "bui", "hoang anh"].map(
    (q) => `/people?q=${encodeURIComponent(q)}`,
  );
  // The pages people open: the first ten (further down they search). Deep pages cost more (an
  // OFFSET of 20,000 rows is ~50 ms in the database); "deep" measures them apart.
  const pages = Array.from({ length: 10 }, (_, i) => `/people?page=${i + 1}`);
  const deepPages = Array.from({ length: 20 }, (_, i) => `/people?page=${1 + i * 50}`);
  const results = [];
  // Warm up the server (JIT, connection pool) before measuring.
  await load("warm-up", ["/people"], admin);
  const people = [
    await users("province admin, list pages 1–10", pages, admin),
    await users("province admin, search without diacritics", searches, admin),
    await users("province admin, deep pages 1–951", deepPages, admin),
    await users("commune admin, list and search own commune", ["/people", ...searches], communeAdmin),
  ];
  console.log(`\n${connections} people, each opening a page about once a second, ${duration} s per scenario, ${base}`);
  console.log("| scenario | req/s | p50 ms | p90 ms | p95 ms | p99 ms | errors |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of people) console.log(`| ${r.title} | ${r.rps} | ${r.p50} | ${r.p90} | ${r.p95} | ${r.p99} | ${r.errors} |`);
  results.push(await load("saturated: province admin, list pages 1–10", pages, admin));
  results.push(await load("saturated: province admin, search without diacritics", searches, admin));
  results.push(await load("saturated: commune admin, list and search", ["/people", ...searches], communeAdmin));
  console.log(`\nSaturation: ${connections} connections, each asking again as soon as answered, ${duration} s per scenario`);
  console.log("| scenario | req/s | p50 ms | p90 ms | p97.5 ms | p99 ms | errors | non-2xx |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(`| ${r.title} | ${r.rps} | ${r.p50} | ${r.p90} | ${r.p975} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  }
} finally {
  process.kill(-server.pid!, "SIGTERM");
}
