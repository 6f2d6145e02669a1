// Shared helpers of the benchmarks: paths, the machine, timing children, the table, the result rows.
// Benchmarks import the built code (dist/): run `npm run build` first.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository (where bench/ lives and results.json is written). */
export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/**
 * The code under test: bin/, dist/, fixtures/. The repository itself, or the snapshot of them that
 * `bench/run.js` takes (BENCH_ROOT) so that a rebuild of dist/ during a long run changes nothing.
 */
export const root = process.env.BENCH_ROOT ? path.resolve(process.env.BENCH_ROOT) : repo;
export const bin = path.join(root, "bin", "reviews.js");
export const dist = (rel) => pathToFileURL(path.join(root, "dist", rel)).href;

/** BENCH_SCALE (default 1) multiplies row counts: 0.1 tries everything quickly. */
export const scale = (() => {
  const s = Number(process.env.BENCH_SCALE ?? 1);
  if (!(s > 0)) throw new Error(`BENCH_SCALE=${process.env.BENCH_SCALE}: expected a positive number`);
  return s;
})();
export const scaled = (n, min = 1) => Math.max(min, Math.round(n * scale));

/** Where the big databases are kept between runs. */
export const cacheDir = path.join(os.tmpdir(), "reviews-bench-cache");

export function requireDist() {
  if (!fs.existsSync(path.join(root, "dist", "store", "store.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first");
  }
}

export function machine() {
  const cpus = os.cpus();
  const sqlite3 = spawnSync("sqlite3", ["--version"], { encoding: "utf8" });
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? "?",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    sqlite3Cli: sqlite3.status === 0 ? sqlite3.stdout.trim().split(" ")[0] : null,
  };
}

export const log = (...a) => console.error(...a);

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const hasGnuTime = (() => {
  if (process.env.BENCH_NO_GNU_TIME) return false; // to try the fallback
  try {
    return spawnSync("/usr/bin/time", ["-v", "true"], { encoding: "utf8" }).status === 0;
  } catch {
    return false;
  }
})();

/**
 * Run a command once; wall ms (measured here) and, when /usr/bin/time -v is present, the child's
 * peak RSS (else the RSS reported by a small wrapper through process.resourceUsage()).
 */
export function runOnce(cmd, args, { env = {}, cwd = root, rss = false, input } = {}) {
  const fullEnv = { ...process.env, NO_COLOR: "1", ...env };
  let file = cmd;
  let argv = args;
  let rssFile = null;
  if (rss && hasGnuTime) {
    file = "/usr/bin/time";
    argv = ["-v", cmd, ...args];
  } else if (rss && cmd === process.execPath) {
    // No GNU time: the node child reports its own process.resourceUsage().maxRSS at exit.
    rssFile = path.join(os.tmpdir(), `reviews-bench-rss-${process.pid}-${Date.now()}.json`);
    argv = ["--import", pathToFileURL(path.join(repo, "bench", "lib", "rss-hook.js")).href, ...args];
    fullEnv.BENCH_RSS_OUT = rssFile;
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, argv, {
    env: fullEnv,
    cwd,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    input,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let peakRssMB = null;
  let cpuMs = null;
  let stderr = r.stderr ?? "";
  if (rss && hasGnuTime) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    if (m) peakRssMB = Number(m[1]) / 1024;
    const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
    const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
    if (user && sys) cpuMs = (Number(user[1]) + Number(sys[1])) * 1000;
    const cut = stderr.lastIndexOf("\tCommand being timed:");
    if (cut >= 0) stderr = stderr.slice(0, cut);
    const exit = /Exit status: (\d+)/.exec(r.stderr ?? "");
    if (exit) r.status = Number(exit[1]);
  } else if (rssFile && fs.existsSync(rssFile)) {
    const info = JSON.parse(fs.readFileSync(rssFile, "utf8"));
    peakRssMB = info.maxRSSkB / 1024;
    cpuMs = info.cpuMs;
    fs.rmSync(rssFile, { force: true });
  }
  return { ms, cpuMs, status: r.status, stdout: r.stdout ?? "", stderr, peakRssMB };
}

/**
 * Median wall ms of `runs` runs after `warmup` unmeasured ones; throws on a non-zero exit. With
 * `budgetMs`, stops measuring once that much time went into measured runs (keeping at least 2).
 */
export function timeCommand(
  cmd,
  args,
  { runs = 11, warmup = 2, env, rss = false, okStatus = [0], budgetMs = Infinity } = {},
) {
  const samples = [];
  const rssSamples = [];
  const cpuSamples = [];
  let last;
  let spent = 0;
  for (let i = 0; i < runs + warmup; i++) {
    const r = runOnce(cmd, args, { env, rss });
    if (!okStatus.includes(r.status)) {
      throw new Error(`${[cmd, ...args].join(" ")} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
    }
    if (i >= warmup) {
      samples.push(r.ms);
      spent += r.ms;
      if (r.peakRssMB != null) rssSamples.push(r.peakRssMB);
      if (r.cpuMs != null) cpuSamples.push(r.cpuMs);
    }
    last = r;
    if (samples.length >= 2 && spent >= budgetMs) break;
  }
  return {
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    runs: samples.length,
    peakRssMB: rssSamples.length ? Math.max(...rssSamples) : null,
    cpuMs: cpuSamples.length ? median(cpuSamples) : null,
    last,
  };
}

/** Spawn and wait (async), collecting output. */
export function spawnAsync(cmd, args, { env = {}, cwd = root } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, NO_COLOR: "1", ...env }, cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The shell-ish rendering of a command, for results.json. */
export function commandLine(cmd, args) {
  const q = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${String(s).replace(/'/g, `'\\''`)}'`);
  const rel = (s) => {
    for (const base of [root, repo])
      if (typeof s === "string" && s.startsWith(base + path.sep)) return path.relative(base, s);
    return s;
  };
  return [cmd === process.execPath ? "node" : cmd, ...args].map((a) => q(rel(a))).join(" ");
}

export function fmtNumber(x, digits) {
  if (x == null || Number.isNaN(x)) return "n/a";
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
}

export const fmt = (v, unit, digits) => (v == null ? "n/a" : `${fmtNumber(v, digits)} ${unit}`);

/**
 * One row of the table. figure/reference are numbers in `unit` (reference may carry its own unit);
 * ratio = figure / reference unless given; met = true/false, or null when there is no goal.
 */
export function row({
  bench,
  name,
  figure,
  unit,
  reference = null,
  referenceName = null,
  referenceUnit = unit,
  ratio,
  goal = null,
  met = null,
  command,
  notes,
  extra,
  figureText,
  digits,
}) {
  const r =
    ratio !== undefined
      ? ratio
      : figure != null && reference != null && reference > 0
        ? figure / reference
        : null;
  return {
    bench,
    name,
    figure: figure ?? null,
    unit,
    figureText: figureText ?? fmt(figure, unit, digits),
    reference: reference ?? null,
    referenceName,
    referenceText: referenceName ? `${referenceName}: ${fmt(reference, referenceUnit)}` : "—",
    ratio: r,
    ratioText: r == null ? "—" : `${fmtNumber(r, 2)}×`,
    goal,
    met,
    command,
    ...(notes ? { notes } : {}),
    ...(extra ? { extra } : {}),
  };
}

export function printTable(rows) {
  const head = ["benchmark", "figure", "reference", "ratio", "goal", "met?"];
  const cells = rows.map((r) => [
    r.name,
    r.figureText,
    r.referenceText,
    r.ratioText,
    r.goal ?? "—",
    r.met == null ? "—" : r.met ? "yes" : "**no**",
  ]);
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`];
  for (const c of cells) lines.push(`| ${c.join(" | ")} |`);
  console.log(lines.join("\n"));
}

export function printNotes(rows) {
  console.log("\nNotes:");
  for (const r of rows) if (r.notes) console.log(`- ${r.name}: ${r.notes}`);
}

/**
 * The tail of every benchmark module: run it when it is the program (`node bench/x.js`), print its
 * table, and hand its rows to the driver through BENCH_OUT.
 */
export async function mainIfRun(metaUrl, run) {
  if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href !== metaUrl) return;
  requireDist();
  const t0 = Date.now();
  const rows = await run();
  if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify(rows, null, 2));
  else {
    const m = machine();
    console.log(
      `Machine: ${m.cores} cores, ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}; BENCH_SCALE=${scale}`,
    );
    printTable(rows);
    printNotes(rows);
  }
  log(`(${path.basename(process.argv[1])}: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
