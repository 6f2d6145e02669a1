#!/usr/bin/env node
// Queries on a database of 1,000,000 reviews (× BENCH_SCALE; built once through Store.upsertPage and
// cached): `list --limit 50` (alone, by status, by source, and by a date range, a source and a status),
// `stats` (all time, and --since 30d),
// `digest --since 7d`, `themes` (--since 30d, and its default year, run once) — the digest and themes
// both on their first run, when no text has been analysed yet, and on later runs —
// `export testimonials --out FILE` and
// `export reviews --format csv --out FILE` through the real CLI — wall milliseconds (median), peak RSS
// (GNU time -v, else the child's own process.resourceUsage()), export rows/s. Each export is measured
// against its own statement: the sqlite3 program writing its rows as CSV, and better-sqlite3 reading
// them with nothing written.
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  bin,
  commandLine,
  dist,
  fmtNumber,
  hasGnuTime,
  log,
  mainIfRun,
  root,
  row,
  scaled,
  timeCommand,
} from "./lib/common.js";
import { ensureDb } from "./lib/db.js";

const hasCommand = (name) =>
  fs.readFileSync(path.join(root, "dist", "cli", "program.js"), "utf8").includes(`.command("${name}")`);

export async function run() {
  const n = scaled(1_000_000, 1000);
  const { file, meta } = await ensureDb(n);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reviews-bench-queries-"));
  const node = process.execPath;
  const rssHow = hasGnuTime ? "/usr/bin/time -v" : "process.resourceUsage() of the child";
  const rows = [];
  try {
    const quick = (name, args, goalMs, { runs = 7, warmup = 1 } = {}) => {
      const full = [bin, ...args, "--db", file];
      const m = timeCommand(node, full, { runs, warmup, rss: true, budgetMs: 20_000 });
      log(`  ${name}: ${m.median.toFixed(0)} ms, ${m.peakRssMB?.toFixed(0)} MB`);
      rows.push(
        row({
          bench: "queries",
          name: `${name} (${n.toLocaleString("en-US")} reviews)`,
          figure: m.median,
          unit: "ms",
          figureText: `${fmtNumber(m.median)} ms · ${fmtNumber(m.peakRssMB)} MB RSS`,
          goal: goalMs ? `< ${goalMs} ms` : null,
          met: goalMs ? m.median < goalMs : null,
          command: commandLine(node, full).replace(file, "DB"),
          notes: `median of ${m.runs} (min ${m.min.toFixed(0)}, max ${m.max.toFixed(0)} ms); CPU ${m.cpuMs?.toFixed(0)} ms (user+sys); peak RSS ${m.peakRssMB?.toFixed(1)} MB (${rssHow}); output ${m.last.stdout.length} bytes`,
          extra: { ms: m.median, cpuMs: m.cpuMs, peakRssMB: m.peakRssMB },
        }),
      );
    };
    log(`Queries on ${n.toLocaleString("en-US")} reviews (${file}) …`);
    quick("reviews list --limit 50", ["list", "--limit", "50"], 300);
    // list's filters on status and source (listIndexHint picks the walk of the date index when the
    // matches are many): a status that a quarter of the reviews have, and one source of 60.
    quick("reviews list --status replied --limit 50", ["list", "--status", "replied", "--limit", "50"], 300);
    quick(
      "reviews list --source facebook-branch-7 --limit 50",
      ["list", "--source", "facebook-branch-7", "--limit", "50"],
      300,
    );
    // A date range with a source and a status: listIndexHint walks the range (review_days counts it)
    // where SQLite took the status's index and read its 759,597 rows.
    quick(
      "reviews list --since 30d --source facebook-branch-7 --status open --limit 50",
      ["list", "--since", "30d", "--source", "facebook-branch-7", "--status", "open", "--limit", "50"],
      300,
    );
    quick("reviews stats", ["stats"], 300);
    quick("reviews stats --since 30d", ["stats", "--since", "30d"]);
    // What the digest and themes work out from each text is kept (review_analysis, migration 5): the
    // first run after an import (or an upgrade) analyses the texts of its window, later runs read
    // what was kept. Both are measured: the first after emptying the table.
    const forget = () => {
      const db = new Database(file);
      try {
        const has = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'review_analysis'").get();
        if (has) db.exec("DELETE FROM review_analysis; DELETE FROM analysis_state;");
      } finally {
        db.close();
      }
    };
    const once = { runs: 1, warmup: 0 };
    if (hasCommand("digest")) {
      forget();
      quick(
        "reviews digest --since 7d, first run (no text analysed yet)",
        ["digest", "--since", "7d"],
        null,
        once,
      );
      quick("reviews digest --since 7d", ["digest", "--since", "7d"], 300);
    } else
      rows.push(
        row({
          bench: "queries",
          name: "reviews digest --since 7d",
          figure: null,
          unit: "ms",
          goal: "< 300 ms",
          command: "node bin/reviews.js digest --since 7d --db DB",
          notes: "n/a: dist/cli/program.js has no digest command",
        }),
      );

    forget();
    quick(
      "reviews themes --since 30d, first run (no text analysed yet)",
      ["themes", "--since", "30d"],
      null,
      once,
    );
    quick("reviews themes --since 30d", ["themes", "--since", "30d"]);
    // The default period is the last year: a third of this database; one run of each is enough to see it.
    forget();
    quick("reviews themes, first run (the last year; no text analysed yet)", ["themes"], null, once);
    quick("reviews themes (the last year; texts analysed)", ["themes"], null, once);

    // The references of each export, both on the export's own statement (export/query.js: its
    // columns, its WHERE, its order): the sqlite3 program writing its rows as CSV, and better-sqlite3
    // handing its rows to JavaScript with nothing done with them (the ceiling of any export in Node).
    const { testimonialQuery, reviewQuery } = await import(dist("export/query.js"));
    const hasSqlite3 = spawnSync("sqlite3", ["--version"]).status === 0;
    const sqliteCsv = (q) => {
      if (!hasSqlite3) return null;
      const out = path.join(tmp, "sqlite3.csv");
      const literal = (v) => (typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
      const script = [
        ...Object.entries(q.params).map(([k, v]) => `.parameter set @${k} ${literal(v)}`),
        `${q.sql};`,
      ].join("\n");
      const samples = [];
      for (let i = 0; i < 2; i++) {
        const fd = fs.openSync(out, "w");
        const t0 = process.hrtime.bigint();
        const r = spawnSync("sqlite3", ["-readonly", "-csv", "-header", file], {
          input: script,
          stdio: ["pipe", fd, "pipe"],
        });
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
        fs.closeSync(fd);
        if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
      }
      return Math.min(...samples);
    };
    const readRows = (q) => {
      const db = new Database(file, { readonly: true });
      try {
        const stmt = db.prepare(q.sql).raw(true);
        const samples = [];
        let count = 0;
        for (let i = 0; i < 2; i++) {
          count = 0;
          const t0 = process.hrtime.bigint();
          for (const _ of stmt.iterate(q.params)) count++;
          samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
        return { ms: Math.min(...samples), count };
      } finally {
        db.close();
      }
    };

    const exportRow = (name, args, what, q) => {
      const read = readRows(q);
      const sqliteMs = sqliteCsv(q);
      const sqliteRate = sqliteMs ? read.count / (sqliteMs / 1000) : null;
      const readRate = read.count / (read.ms / 1000);
      log(
        `  ${name}: its statement gives ${read.count} rows; better-sqlite3 reads them at ${fmtNumber(readRate)} rows/s` +
          (sqliteRate ? `, sqlite3 writes them as CSV at ${fmtNumber(sqliteRate)} rows/s` : ""),
      );
      rows.push(
        row({
          bench: "queries",
          name: `better-sqlite3 reading the rows of ${name.replace(/ --out FILE$/, "")}, nothing written (${read.count.toLocaleString("en-US")} rows)`,
          figure: readRate,
          unit: "rows/s",
          figureText: `${fmtNumber(readRate)} rows/s · ${fmtNumber(read.ms)} ms`,
          reference: sqliteRate,
          referenceName: sqliteRate ? "sqlite3 -csv, the same statement" : null,
          command: "bench/queries.js: Database#prepare(sql).raw().iterate() of export/query.js's statement",
          notes: `best of 2, in the benchmark's process; the ceiling of the export in Node: every row handed to JavaScript as an array, nothing else done`,
          extra: { ms: read.ms, rows: read.count },
        }),
      );
      const out = path.join(tmp, args.includes("csv") ? "reviews.csv" : "testimonials.csv");
      const full = [bin, "export", ...args, "--out", out, "--db", file];
      // No warm-up run: stats and digest have just read the whole table into the OS cache.
      const m = timeCommand(node, full, { runs: 3, warmup: 0, rss: true, budgetMs: 30_000 });
      const count = Number(/Wrote (\d+)/.exec(m.last.stderr)?.[1] ?? NaN);
      const rate = count / (m.median / 1000);
      const rss = m.peakRssMB;
      log(`  ${name}: ${count} rows in ${m.median.toFixed(0)} ms, ${rss?.toFixed(0)} MB`);
      rows.push(
        row({
          bench: "queries",
          name: `${name} (${count.toLocaleString("en-US")} ${what})`,
          figure: rate,
          unit: "rows/s",
          figureText: `${fmtNumber(rate)} rows/s · ${fmtNumber(m.median)} ms · ${fmtNumber(rss)} MB RSS`,
          reference: sqliteRate,
          referenceName: sqliteRate ? "sqlite3 -csv, the same statement" : null,
          goal: "≥ 150,000 rows/s, < 200 MB RSS",
          met: rate >= 150_000 && rss != null && rss < 200,
          command: commandLine(node, full).replace(file, "DB").replace(out, "FILE"),
          notes: `median of ${m.runs} (min ${m.min.toFixed(0)} ms); CPU ${m.cpuMs?.toFixed(0)} ms (user+sys); ${(fs.statSync(out).size / 1e6).toFixed(0)} MB written; ${fmtNumber(rate / readRate, 2)}× better-sqlite3's reading alone (${fmtNumber(readRate)} rows/s); peak RSS ${rss?.toFixed(1)} MB (${rssHow})`,
          extra: { ms: m.median, cpuMs: m.cpuMs, rows: count, peakRssMB: rss, readRowsPerSecond: readRate },
        }),
      );
    };
    // The CLI's defaults: testimonials rated 4 or more, any permission; every review, removed ones too.
    exportRow(
      "reviews export testimonials --out FILE",
      ["testimonials"],
      "testimonials",
      testimonialQuery({ minRating: 4, permission: "any" }),
    );
    exportRow(
      "reviews export reviews --format csv --out FILE",
      ["reviews", "--format", "csv"],
      "reviews",
      reviewQuery({ includeRemoved: true }),
    );
    const window = spawnSync(
      "sqlite3",
      [
        "-readonly",
        file,
        "SELECT count(*) FROM reviews WHERE first_seen_at >= strftime('%Y-%m-%dT%H:%M:%fZ','now','-7 days')",
      ],
      { encoding: "utf8" },
    ).stdout?.trim();
    if (window)
      log(
        `  (${window} reviews first seen in the last 7 days; history ends ${new Date(meta.anchorMs).toISOString().slice(0, 10)})`,
      );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}

await mainIfRun(import.meta.url, run);
