#!/usr/bin/env node
// `npm run bench`: the benchmark suite of issue 9. Runs each benchmark in its own process (each is
// also runnable alone: `node bench/ingest.js`), prints one table and writes bench/results.json with the
// machine and the command behind every figure. Figures are measured, never asserted in tests.
//
//   node bench/run.js                    # everything (BENCH_SCALE=1: several minutes)
//   node bench/run.js startup parse      # some of them
//   BENCH_SCALE=0.1 node bench/run.js    # row and source counts × 0.1, to try it quickly
//
// The big databases are built once through the store's upsert path and cached under
// $TMPDIR/reviews-bench-cache (keyed by row count). Benchmarks use the built code: `npm run build` first.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { cacheDir, log, machine, printNotes, printTable, repo, requireDist, scale } from "./lib/common.js";

const ALL = ["startup", "ingest", "check", "parse", "queries"];

function staleDist() {
  const stale = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(".ts")) {
        const out = path.join(repo, "dist", path.relative(path.join(repo, "src"), p)).replace(/\.ts$/, ".js");
        if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(p).mtimeMs)
          stale.push(path.relative(repo, p));
      }
    }
  };
  walk(path.join(repo, "src"));
  return stale;
}

function git() {
  const r = (args) => spawnSync("git", args, { cwd: repo, encoding: "utf8" }).stdout?.trim() || null;
  return {
    commit: r(["rev-parse", "--short", "HEAD"]),
    dirtySrc: !!r(["status", "--porcelain", "--", "src"]),
  };
}

function runOne(name) {
  const out = path.join(os.tmpdir(), `reviews-bench-${name}-${process.pid}.json`);
  fs.rmSync(out, { force: true });
  return new Promise((resolve) => {
    const t0 = Date.now();
    const loadBefore = os.loadavg()[0];
    const child = spawn(process.execPath, [path.join(repo, "bench", `${name}.js`)], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, BENCH_OUT: out, BENCH_ROOT: snapshot },
    });
    child.on("close", (status) => {
      let rows = [];
      let error = null;
      if (status === 0 && fs.existsSync(out)) rows = JSON.parse(fs.readFileSync(out, "utf8"));
      else error = `node bench/${name}.js exited ${status}`;
      fs.rmSync(out, { force: true });
      resolve({
        name,
        command: `node bench/${name}.js`,
        seconds: (Date.now() - t0) / 1000,
        loadAverage: { before: loadBefore, after: os.loadavg()[0] },
        error,
        rows,
      });
    });
  });
}

requireDist();
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
for (const w of wanted)
  if (!ALL.includes(w)) throw new Error(`unknown benchmark ${w}: use ${ALL.join(", ")}`);
const stale = staleDist();
if (stale.length)
  log(
    `warning: dist/ is older than ${stale.length} source file(s) (${stale.slice(0, 3).join(", ")}…): run \`npm run build\``,
  );
const m = machine();
log(
  `Machine: ${m.cores} cores, ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}; BENCH_SCALE=${scale}; cache ${cacheDir}`,
);
const started = new Date();
const loadAtStart = os.loadavg();
const codeAtStart = git();
// A snapshot of the code under test, so that a rebuild of dist/ meanwhile (npm test) changes nothing.
const snapshot = fs.mkdtempSync(path.join(os.tmpdir(), "reviews-bench-code-"));
for (const d of ["bin", "dist", "fixtures"])
  fs.cpSync(path.join(repo, d), path.join(snapshot, d), { recursive: true });
fs.copyFileSync(path.join(repo, "package.json"), path.join(snapshot, "package.json"));
fs.symlinkSync(path.join(repo, "node_modules"), path.join(snapshot, "node_modules"), "dir");
log(`Code under test: a snapshot of bin/, dist/, fixtures/ in ${snapshot}`);
const results = [];
for (const name of wanted) {
  log(`\n== ${name}`);
  results.push(await runOne(name));
}
const rows = results.flatMap((r) => r.rows);
console.log(
  `\nMachine: ${m.cores} cores, ${m.cpu}, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.os}; BENCH_SCALE=${scale}`,
);
printTable(rows);
printNotes(rows);
for (const r of results) if (r.error) console.log(`\n${r.name}: FAILED (${r.error})`);
fs.rmSync(snapshot, { recursive: true, force: true });
const file = path.join(repo, "bench", "results.json");
fs.writeFileSync(
  file,
  JSON.stringify(
    {
      date: started.toISOString(),
      command: `BENCH_SCALE=${scale} node bench/run.js ${process.argv.slice(2).join(" ")}`.trim(),
      scale,
      machine: { ...m, loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg() },
      code: {
        ...codeAtStart,
        distOlderThanSrc: stale,
        tested: "a snapshot of bin/, dist/, fixtures/ taken at the start",
      },
      benchmarks: results.map(({ rows: _rows, ...r }) => r),
      rows,
    },
    null,
    2,
  ),
);
log(`\nWrote ${path.relative(process.cwd(), file)}`);
if (results.some((r) => r.error)) process.exitCode = 1;
