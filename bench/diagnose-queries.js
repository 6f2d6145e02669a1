#!/usr/bin/env node
// Not part of `npm run bench`: why the queries on the big database take what they take. Uses the cached
// database of the queries benchmark (1,000,000 reviews × BENCH_SCALE):
//  1. the cost of a full scan of the wide reviews table against a narrow covering index, with and
//     without memory-mapped I/O;
//  2. how fast better-sqlite3 alone can hand rows to JavaScript (the ceiling of an export);
//  3. CPU profiles of `reviews stats`, `reviews digest --since 7d` and `reviews export reviews` (the
//     latter limited to --since 90d), summarised as the dist/ functions with the most inclusive time.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { bin, dist, requireDist, root, scaled } from "./lib/common.js";
import { ensureDb } from "./lib/db.js";
import { topFunctions } from "./lib/profile.js";

requireDist();
const Database = createRequire(path.join(root, "package.json"))("better-sqlite3");
const n = scaled(1_000_000, 1000);
const { file } = await ensureDb(n);
const db = new Database(file, { readonly: true });
const time = (label, fn) => {
  const t0 = performance.now();
  const out = fn();
  console.log(`  ${label.padEnd(66)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms`);
  return out;
};
const bytes = db
  .prepare(
    `SELECT avg(length(CAST(text AS BLOB))) AS text, avg(length(CAST(raw AS BLOB))) AS raw,
       (SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()) AS file
     FROM reviews WHERE id % 50 = 0`,
  )
  .get();
console.log(
  `${n.toLocaleString("en-US")} reviews, ${(bytes.file / 1e6).toFixed(0)} MB; per row on average: text ${bytes.text.toFixed(0)} B, raw ${bytes.raw.toFixed(0)} B\n`,
);

console.log("1. Scans");
const agg = `SELECT site, count(*), avg(rating), sum(rating <= 2 OR (rating IS NULL AND recommendation = 'negative')),
  sum(status = 'replied' OR reply_text IS NOT NULL) FROM reviews WHERE removed_at IS NULL GROUP BY 1`;
time("sum(rating) reading the table", () => db.prepare("SELECT sum(rating) FROM reviews NOT INDEXED").get());
time("sum(rating) reading the covering index reviews_rating", () =>
  db.prepare("SELECT sum(rating) FROM reviews INDEXED BY reviews_rating").get(),
);
time("a per-site aggregate like stats' (table)", () => db.prepare(agg).all());
db.pragma(`mmap_size = ${8 * 2 ** 30}`);
time("the same with PRAGMA mmap_size = 8 GB (first)", () => db.prepare(agg).all());
time("the same with PRAGMA mmap_size = 8 GB (again)", () => db.prepare(agg).all());
db.pragma("mmap_size = 0");

console.log("\n2. Rows into JavaScript (first 100,000 by id)");
const COLUMNS = `id, source_id, site, external_id, author_name, author_url, rating, recommendation, title, text,
  text_language, original_text, language, published_at, published_precision, published_raw, site_updated_at, url,
  reply_text, reply_at, excerpt, content_hash, first_seen_at, last_seen_at, removed_at, baseline, status, assignee,
  note, replied_at, permission`;
const rows = Math.min(n, 100_000);
for (const [label, sql, raw] of [
  ["the store's 31 columns as objects", `SELECT ${COLUMNS} FROM reviews WHERE id <= ${rows}`, false],
  ["the same as arrays (.raw())", `SELECT ${COLUMNS} FROM reviews WHERE id <= ${rows}`, true],
  [
    "5 short columns as arrays",
    `SELECT id, site, rating, status, published_at FROM reviews WHERE id <= ${rows}`,
    true,
  ],
]) {
  const t0 = performance.now();
  let count = 0;
  for (const _r of db.prepare(sql).raw(raw).iterate()) count++;
  const ms = performance.now() - t0;
  console.log(
    `  ${label.padEnd(40)} ${Math.round((count / ms) * 1000)
      .toLocaleString("en-US")
      .padStart(10)} rows/s`,
  );
}

console.log("\n3. The statements of `reviews stats` (computeStats from dist/, each statement timed)");
const { computeStats } = await import(dist("insights/stats.js"));
const prepare = db.prepare.bind(db);
db.prepare = (sql) => {
  const stmt = prepare(sql);
  const what = sql.replace(/\s+/g, " ").trim().slice(0, 90);
  for (const m of ["all", "get"]) {
    const orig = stmt[m].bind(stmt);
    stmt[m] = (...a) => time(what, () => orig(...a));
  }
  return stmt;
};
time("computeStats in all", () =>
  computeStats(
    db,
    { negative: { maxRating: 2 }, replyWithinHours: { negative: 24, other: 72 } },
    { by: "site", now: new Date() },
  ),
);
db.close();

console.log("\n4. CPU profiles of the CLI (inclusive time of dist/ functions)");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reviews-bench-prof-"));
try {
  for (const args of [
    ["stats"],
    ["digest", "--since", "7d"],
    ["export", "reviews", "--format", "csv", "--since", "90d", "--out", path.join(tmp, "out.csv")],
  ]) {
    const dir = path.join(tmp, args[0]);
    const r = spawnSync(
      process.execPath,
      ["--cpu-prof", `--cpu-prof-dir=${dir}`, bin, ...args, "--db", file],
      {
        stdio: ["ignore", "ignore", "pipe"],
        encoding: "utf8",
      },
    );
    if (r.status !== 0) throw new Error(`reviews ${args.join(" ")}: ${r.stderr}`);
    const prof = topFunctions(path.join(dir, fs.readdirSync(dir)[0]));
    console.log(`  reviews ${args.join(" ").replace(tmp, "TMP")}: ${prof.totalMs.toFixed(0)} ms profiled`);
    for (const t of prof.top)
      console.log(
        `    ${t.ms.toFixed(0).padStart(7)} ms ${(t.share * 100).toFixed(0).padStart(3)} %  ${t.fn}`,
      );
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
