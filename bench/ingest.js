#!/usr/bin/env node
// Ingest: 1,000,000 synthetic reviews (× BENCH_SCALE) through Store.upsertPage, 50 per page and one
// transaction per page as `reviews check` stores them; then the same rows again, unchanged (a daily
// run re-seeing everything); versus sqlite3's `.import` of the same rows, as CSV, into the same table
// (same columns, same indexes, same pragmas).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fmtNumber, log, mainIfRun, row, runOnce, scaled } from "./lib/common.js";
import { adoptIntoCache, cachedDb, ingest, openStore } from "./lib/db.js";
import { PAGE_SIZE, todayAnchor } from "./lib/synth.js";

function haveSqlite3() {
  return spawnSync("sqlite3", ["--version"]).status === 0;
}

/** Try to install the sqlite3 program when it is missing (root with apt-get only). */
function ensureSqlite3() {
  if (haveSqlite3()) return true;
  if (process.getuid?.() === 0 && spawnSync("apt-get", ["--version"]).status === 0) {
    log("sqlite3 is missing: trying apt-get install -y sqlite3 …");
    spawnSync("apt-get", ["install", "-y", "-qq", "sqlite3"], { stdio: "ignore" });
  }
  return haveSqlite3();
}

function sqlite(file, script) {
  const r = spawnSync("sqlite3", ["-bail", file], { input: script, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`sqlite3 ${file}: ${r.stderr}`);
  return r.stdout;
}

const size = (f) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
const dbSize = (f) => size(f) + size(`${f}-wal`);

export async function run() {
  const n = scaled(1_000_000, 1000);
  const anchorMs = todayAnchor();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reviews-bench-ingest-"));
  const file = path.join(tmp, "reviews.db");
  const command = `node bench/ingest.js  (BENCH_SCALE=${process.env.BENCH_SCALE ?? 1}: ${n} rows)`;
  const rows = [];
  try {
    log(`Ingest: ${n.toLocaleString("en-US")} reviews through Store.upsertPage, ${PAGE_SIZE} per page …`);
    const store = await openStore(file);
    const first = await ingest(store, n, anchorMs);
    if (first.newRows !== n) throw new Error(`first ingest stored ${first.newRows} new rows, expected ${n}`);
    log(
      `  first: ${(first.upsertMs / 1000).toFixed(1)} s in upsertPage (${(first.wallMs / 1000).toFixed(1)} s wall)`,
    );
    const again = await ingest(store, n, anchorMs, { now: new Date(anchorMs + 3600_000).toISOString() });
    if (again.unchanged !== n)
      throw new Error(`re-ingest saw ${again.unchanged} unchanged rows, expected ${n}`);
    log(
      `  again: ${(again.upsertMs / 1000).toFixed(1)} s in upsertPage (${(again.wallMs / 1000).toFixed(1)} s wall)`,
    );
    store.close();
    const bytes = dbSize(file);

    // sqlite3 .import of the very same rows.
    let importRate = null;
    let importCpuRate = null;
    let importNote;
    if (ensureSqlite3()) {
      const csv = path.join(tmp, "reviews.csv");
      sqlite(file, `.mode csv\n.headers off\n.once ${csv}\nSELECT * FROM reviews ORDER BY id;\n`);
      const target = path.join(tmp, "import.db");
      (await openStore(target)).close(); // the same schema: the store's own migrations
      const imp = runOnce("sqlite3", ["-bail", target], {
        input: `PRAGMA synchronous = NORMAL;\n.mode csv\n.import ${csv} reviews\n`,
        rss: true,
      });
      if (imp.status !== 0) throw new Error(`sqlite3 .import failed: ${imp.stderr}`);
      const importMs = imp.ms;
      importCpuRate = imp.cpuMs ? n / (imp.cpuMs / 1000) : null;
      const count = Number(sqlite(target, "SELECT count(*) FROM reviews;").trim());
      if (count !== n) throw new Error(`.import stored ${count} rows, expected ${n}`);
      importRate = n / (importMs / 1000);
      importNote =
        `${(importMs / 1000).toFixed(1)} s for ${(size(csv) / 1e6).toFixed(0)} MB of CSV (one transaction; empty cells become '' instead of NULL)` +
        (imp.cpuMs
          ? `; CPU ${(imp.cpuMs / 1000).toFixed(1)} s = ${fmtNumber(importCpuRate)} rows per CPU-second`
          : "");
      log(`  sqlite3 .import: ${(importMs / 1000).toFixed(1)} s`);
      rows.push(
        row({
          bench: "ingest",
          name: "sqlite3 .import of the same rows (CSV)",
          figure: importRate,
          unit: "rows/s",
          command: `sqlite3 DB <<< "PRAGMA synchronous=NORMAL; .mode csv; .import reviews.csv reviews"  (${n} rows)`,
          notes: importNote,
        }),
      );
    } else {
      importNote = "the sqlite3 program is not installed (and apt-get could not install it)";
      rows.push(
        row({
          bench: "ingest",
          name: "sqlite3 .import of the same rows (CSV)",
          figure: null,
          unit: "rows/s",
          command: "sqlite3 … .import",
          notes: importNote,
        }),
      );
    }
    const firstRate = n / (first.upsertMs / 1000);
    const againRate = n / (again.upsertMs / 1000);
    const firstCpuRate = n / (first.upsertCpuMs / 1000);
    const againCpuRate = n / (again.upsertCpuMs / 1000);
    const cpuRatio = importCpuRate
      ? `; per CPU-second ${fmtNumber(firstCpuRate / importCpuRate, 2)}× .import's`
      : "";
    rows.unshift(
      row({
        bench: "ingest",
        name: `ingest ${n.toLocaleString("en-US")} new reviews (upsertPage, ${PAGE_SIZE}/page)`,
        figure: firstRate,
        unit: "rows/s",
        reference: importRate,
        referenceName: "sqlite3 .import",
        goal: "≥ 0.5× .import (wall and CPU)",
        met:
          importRate == null
            ? null
            : firstRate >= 0.5 * importRate && (!importCpuRate || firstCpuRate >= 0.5 * importCpuRate),
        command,
        notes:
          `${(first.upsertMs / 1000).toFixed(1)} s inside upsertPage (CPU ${(first.upsertCpuMs / 1000).toFixed(1)} s = ${fmtNumber(firstCpuRate)} rows per CPU-second${cpuRatio}), ` +
          `${(first.wallMs / 1000).toFixed(1)} s with generating the reviews; ${first.pages} pages (transactions); database ${(bytes / 1e6).toFixed(0)} MB`,
      }),
      row({
        bench: "ingest",
        name: "re-ingest the same rows, unchanged",
        figure: againRate,
        unit: "rows/s",
        reference: firstRate,
        referenceName: "first ingest",
        goal: "> first ingest (wall and CPU)",
        met: againRate > firstRate && againCpuRate > firstCpuRate,
        command,
        notes: `${(again.upsertMs / 1000).toFixed(1)} s inside upsertPage (CPU ${(again.upsertCpuMs / 1000).toFixed(1)} s = ${fmtNumber(againCpuRate)} rows per CPU-second, ${fmtNumber(againCpuRate / firstCpuRate, 2)}× the first ingest's); every row found unchanged (last_seen_at moves)`,
      }),
    );
    // The queries benchmark needs the same database: hand it over rather than build it twice.
    if (!(await cachedDb(n))) {
      await adoptIntoCache(file, {
        n,
        anchorMs,
        builtAt: new Date().toISOString(),
        buildSeconds: first.wallMs / 1000,
      });
      log("  (kept as the cached database for the queries benchmark)");
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}

await mainIfRun(import.meta.url, run);
