// Load benchmark (not a test): a 300 MB video served to 50 concurrent players through
// /api/files/<id> (permission check, Range requests), measuring the server's memory (VmRSS) to show
// that files are streamed, never buffered whole. Prints figures for docs/benchmarks.md.
//   NEXT_DIST_DIR=.next-bench npx next build && NEXT_DIST_DIR=.next-bench npx tsx bench/video-range.ts
// BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/taphuan_bench_video) is dropped
// and recreated; the video is generated in a temp folder and removed at the end. BENCH_TINY=1 is
// the control run (the same requests for 1 KB each); BENCH_CLIENTS, BENCH_SECONDS,
// BENCH_WARM_SECONDS, BENCH_VIDEO_MB, BENCH_PORT change the defaults (50, 45, 15, 300, 3310).
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createWriteStream, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { recreateDatabase } from "./db";
import { signIn, waitForServer } from "./http";

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/taphuan_bench_video";
const port = Number(process.env.BENCH_PORT ?? 3310);
const base = `http://localhost:${port}`;
const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 45);
const sizeMb = Number(process.env.BENCH_VIDEO_MB ?? 300);
const warmSeconds = Number(process.env.BENCH_WARM_SECONDS ?? 15);
/** BENCH_TINY=1: the control run — the same requests asking for 1 KB each, to see the server's own cost per request. */
const tiny = process.env.BENCH_TINY === "1";
const MB = 1024 * 1024;

// ---- data: a province, a published course, an enrolled learner, a READY 300 MB video ----------
await recreateDatabase(url);
const { applyMigrations } = await import("@/lib/db/migrations");
await applyMigrations({ kind: "postgres", url });
const { closeDb, db } = await import("@/lib/db");
const { makeProvince, makeUser, TEST_PASSWORD } = await import("@/lib/testing/factories");
const { makeCourse, makeEnrolment, makeSection } = await import("@/lib/testing/course-factories");

const work = mkdtempSync(path.join(tmpdir(), "taphuan-bench-video-"));
const filesDir = path.join(work, "files");
const p = await makeProvince();
const learner = await makeUser({ unitId: p.communeA.id, email: `hoc.vien.${randomUUID().slice(0, 8)}@bench.taphuan.vn` });
const course = await makeCourse({ unitId: p.communeA.id });
const section = await makeSection(course.id);
await makeEnrolment({ userId: learner.id, courseId: course.id });
const key = `courses/${course.id}/${randomUUID()}`;
const videoPath = path.join(filesDir, ...key.split("/"));
{
  const { mkdirSync } = await import("node:fs");
  mkdirSync(path.dirname(videoPath), { recursive: true });
  // A minimal MP4 `ftyp` box (brand isom), then random bytes: incompressible, like real video.
  const ftyp = Buffer.from("0000001c667479706973736f6d0000020069736f6d69736f326d703431", "hex");
  const out = createWriteStream(videoPath);
  out.write(ftyp);
  for (let i = 0; i < sizeMb; i++) {
    const chunk = randomBytes(i === 0 ? MB - ftyp.length : MB);
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}
const size = sizeMb * MB;
const file = await db().storedFile.create({
  data: { courseId: course.id, storageKey: key, originalName: "Bài giảng – tiếp nhận hồ sơ.mp4", mimeType: "video/mp4", size: BigInt(size), state: "READY" },
});
await db().lesson.create({ data: { courseId: course.id, sectionId: section.id, title: "Video", kind: "VIDEO", position: 1, fileId: file.id } });
await closeDb();
console.log(`video: ${sizeMb} MB at ${videoPath}`);

// ---- the production server -----------------------------------------------------------------
const nextBin = path.resolve("node_modules/next/dist/bin/next");
const server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
  env: {
    ...process.env,
    DATABASE_URL: url,
    TAPHUAN_FILES_DIR: filesDir,
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});

/** Resident memory of the server: every process of its group (next start may fork a worker). */
function serverRss(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== server.pid) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Open handles on the video in the server (a client that left must not leave its stream open). */
function openHandles(): number {
  let n = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== server.pid) continue;
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          if (readlinkSync(`/proc/${pid}/fd/${fd}`) === videoPath) n++;
        } catch {
          // closed meanwhile
        }
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return n;
}



const fd = openSync(videoPath, "r");
/** The bytes on disk at `start`, to check what the server sent. */
function onDisk(start: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  readSync(fd, buf, 0, length, start);
  return buf;
}

type Kind = "seek" | "range" | "full";
const ttfb: Record<Kind, number[]> = { seek: [], range: [], full: [] };
const complete: Record<Kind, number[]> = { seek: [], range: [], full: [] };
let bytes = 0;
let errors = 0;
let wrong = 0;
const counts: Record<Kind, number> = { seek: 0, range: 0, full: 0 };

/**
 * One request as a player makes it:
 * - seek (70 %): `bytes=X-` from a random point, read 2 MB, then leave (the player has buffered
 *   enough; the server must stop reading the file);
 * - range (25 %): `bytes=X-Y`, 1 MB, read to the end;
 * - full (5 %): the whole file, no Range (a download), read for at most 64 MB then leave, or to
 *   the end when the run lets it.
 */
async function request(cookie: string, kind: Kind, end: number): Promise<void> {
  const start = Math.floor(Math.random() * (size - 4 * MB));
  const headers: Record<string, string> = { cookie };
  let want: number;
  if (tiny) {
    headers.range = `bytes=${start}-${start + 1023}`;
    want = 1024;
  } else if (kind === "seek") {
    headers.range = `bytes=${start}-`;
    want = 2 * MB;
  } else if (kind === "range") {
    headers.range = `bytes=${start}-${start + MB - 1}`;
    want = MB;
  } else {
    want = 64 * MB;
  }
  const abort = new AbortController();
  const t0 = performance.now();
  const res = await fetch(`${base}/api/files/${file.id}`, { headers, signal: abort.signal });
  const expected = kind === "full" && !tiny ? 200 : 206;
  if (res.status !== expected) {
    errors++;
    await res.body?.cancel();
    return;
  }
  const reader = res.body!.getReader();
  let got = 0;
  let first: Buffer | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!first) {
      ttfb[kind].push(performance.now() - t0);
      first = Buffer.from(value.subarray(0, 4096));
    }
    got += value.byteLength;
    bytes += value.byteLength;
    if (got >= want || Date.now() > end) break;
  }
  if (got >= want) complete[kind].push(performance.now() - t0);
  abort.abort();
  await reader.cancel().catch(() => undefined);
  counts[kind]++;
  const at = kind === "full" && !tiny ? 0 : start;
  if (first && !first.equals(onDisk(at, first.length))) wrong++;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0);
};

try {
  await waitForServer(base);
  const cookie = await signIn(base, learner.email, TEST_PASSWORD);
  // Cold: the server has started and answered one request of each kind.
  for (const kind of ["seek", "range", "full"] as const) await request(cookie, kind, Date.now() + 2000);
  await new Promise((r) => setTimeout(r, 2000));
  const cold = serverRss();

  const run = async (forSeconds: number) => {
    const end = Date.now() + forSeconds * 1000;
    const player = async () => {
      while (Date.now() < end) {
        const r = Math.random();
        const kind: Kind = r < 0.7 ? "seek" : r < 0.95 ? "range" : "full";
        try {
          await request(cookie, kind, end);
        } catch {
          errors++;
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, player));
  };
  // Warm-up under the same load (JIT, connection pool, V8's heap sizing), then the baseline.
  await run(warmSeconds);
  for (const k of ["seek", "range", "full"] as const) {
    ttfb[k].length = 0;
    complete[k].length = 0;
    counts[k] = 0;
  }
  bytes = 0;
  errors = 0;
  wrong = 0;
  await new Promise((r) => setTimeout(r, 3000));
  const baseline = serverRss();
  let peak = baseline;
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const rss = serverRss();
    samples.push(rss);
    peak = Math.max(peak, rss);
  }, 200);

  const t0 = Date.now();
  await run(seconds);
  const elapsed = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  const handlesDuring = openHandles();
  await new Promise((r) => setTimeout(r, 5000));
  const after = serverRss();
  const mb = (n: number) => (n / MB).toFixed(0);
  samples.sort((a, b) => a - b);

  console.log(`\n${clients} clients for ${elapsed.toFixed(0)} s on a ${sizeMb} MB video${tiny ? " (control: every request 1 KB)" : ""}, ${base}`);
  console.log("| server RSS | MB |");
  console.log("|---|---|");
  console.log(`| cold (started, one request of each kind) | ${mb(cold)} |`);
  console.log(`| before the load (after ${warmSeconds} s of the same load) | ${mb(baseline)} |`);
  console.log(`| median during the load | ${mb(samples[Math.floor(samples.length / 2)] ?? 0)} |`);
  console.log(`| peak during the load | ${mb(peak)} |`);
  console.log(`| growth (peak − before) | ${mb(peak - baseline)} |`);
  console.log(`| 5 s after the load | ${mb(after)} |`);
  console.log(`\nopen handles on the video: ${handlesDuring} at the end of the load, ${openHandles()} 5 s after`);
  console.log(`\nthroughput ${(bytes / MB / elapsed).toFixed(0)} MB/s (${(bytes / MB).toFixed(0)} MB sent), ${counts.seek + counts.range + counts.full} requests, errors ${errors}, wrong bytes ${wrong}`);
  console.log("| request | count | first byte p50 ms | p95 ms | done p50 ms | p95 ms |");
  console.log("|---|---|---|---|---|---|");
  for (const [kind, label] of [["seek", "seek: bytes=X-, read 2 MB, leave"], ["range", "range: bytes=X-Y, 1 MB"], ["full", "whole file (200), up to 64 MB"]] as const) {
    console.log(`| ${label} | ${counts[kind]} | ${quantile(ttfb[kind], 0.5)} | ${quantile(ttfb[kind], 0.95)} | ${quantile(complete[kind], 0.5)} | ${quantile(complete[kind], 0.95)} |`);
  }
} finally {
  process.kill(-server.pid!, "SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
