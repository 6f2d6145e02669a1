// The built CLI's CSV exports with worker threads (REVIEWS_EXPORT_WORKER_ROWS): read in date ranges,
// or made into CSV beside the main thread's reading; the same files and the same output on stdout as
// without them, and a clear error for a bad setting.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { parsedReview } from "../helpers/reviews.js";

const TEXTS = [
  "Phở bò rất ngon, nhân viên thân thiện.",
  "Väga hea teenindus, tulen kindlasti tagasi.",
  '=HYPERLINK("http://x") and "quotes"',
  "line one\r\nline two\u2028",
  "Great food, friendly staff and a view of the river.",
];

let db: string;
let dir: string;
beforeAll(() => {
  dir = tempDir();
  db = path.join(dir, "reviews.db");
  const store = new Store(db);
  // Enough rows that a worker started at the first one is ready well before the main thread is done.
  const reviews = Array.from({ length: 12_000 }, (_, i) =>
    parsedReview(`w-${i}`, {
      author: { name: ["Tom Becker", "Nguyễn Thị Lan", "Kadri Tamm", null][i % 4] ?? null, url: null },
      rating: [5, 4, 5, 1, 4][i % 5]!,
      text: `${TEXTS[i % TEXTS.length]} ${"Visit number ".repeat(i % 40)}${i}`,
      language: ["vi", "et", "en"][i % 3] ?? null,
      publishedAt: `2026-11-${String((i % 28) + 1).padStart(2, "0")}T10:00:00.000Z`,
    }),
  );
  store.upsertPage("google-main", "google", reviews, "2026-11-30T00:00:00.000Z", false);
  store.close();
});

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli([...args, "--db", db], { cwd: dir, env });

describe("reviews export with a worker thread", () => {
  it("writes the same CSV files, and the same CSV on stdout, from whichever row it takes over", async () => {
    const twoCores = os.availableParallelism() >= 2;
    for (const what of [
      ["testimonials", "--bom"],
      ["reviews", "--format", "csv"],
    ]) {
      const plain = path.join(dir, `${what[0]}-plain.csv`);
      const base = await cli(["export", ...what, "--out", plain]);
      expect(base.code, base.stderr).toBe(0);
      const want = fs.readFileSync(plain);
      expect(want.length).toBeGreaterThan(100_000);
      // "0": read in date ranges by worker threads; "0" while another connection writes (the lock
      // cannot be had): read on the main thread, with a worker making the CSV from the first row;
      // a million: one thread.
      for (const [rows, busy] of [
        ["0", false],
        ["0", true],
        ["1000000", false],
      ] as const) {
        const out = path.join(dir, `${what[0]}-${rows}-${busy}.csv`);
        const writer = busy ? new Database(db) : null;
        writer?.exec("BEGIN IMMEDIATE");
        const r = await cli(["--debug", "export", ...what, "--out", out], {
          REVIEWS_EXPORT_WORKER_ROWS: rows,
        }).finally(() => {
          writer?.exec("ROLLBACK");
          writer?.close();
        });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain(base.stderr.replace(plain, out).trim());
        const split = /debug: reading the export in (\d+) date ranges with (\d+) worker threads/.exec(
          r.stderr,
        );
        const handOver = /debug: (\d+) rows read: the rest is made into CSV in a worker thread/.exec(
          r.stderr,
        );
        if (twoCores && rows === "0" && !busy) expect(split?.slice(1), r.stderr).toEqual(["3", "2"]);
        else expect(split, r.stderr).toBeNull();
        if (twoCores && rows === "0" && busy) {
          expect(r.stderr).toContain("debug: the export is read on one thread: the database is busy");
          expect(handOver, r.stderr).not.toBeNull();
        }
        if (rows !== "0") expect(handOver).toBeNull();
        expect(fs.readFileSync(out).equals(want), `${what[0]} from row ${rows}`).toBe(true);
        expect(fs.readdirSync(dir).filter((f) => f.includes(".partial-"))).toEqual([]);
      }
      const stdout = await cli(["export", ...what], { REVIEWS_EXPORT_WORKER_ROWS: "0" });
      expect(stdout.code, stdout.stderr).toBe(0);
      expect(stdout.stdout).toBe(want.toString("utf8"));
    }
  });

  it("refuses a REVIEWS_EXPORT_WORKER_ROWS that is not a whole number, and writes nothing", async () => {
    for (const bad of ["lots", "-1", "2.5", "1e3"]) {
      const out = path.join(dir, "bad.csv");
      const r = await cli(["export", "testimonials", "--out", out], { REVIEWS_EXPORT_WORKER_ROWS: bad });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toEqual([
        `reviews: REVIEWS_EXPORT_WORKER_ROWS=${JSON.stringify(bad)}: expected a whole number of rows (0: use worker threads whatever the size); unset it for the default`,
      ]);
      expect(fs.existsSync(out)).toBe(false);
    }
    // JSON has no worker: the setting is not read.
    expect(
      (await cli(["export", "testimonials", "--format", "json"], { REVIEWS_EXPORT_WORKER_ROWS: "x" })).code,
    ).toBe(0);
  });
});
