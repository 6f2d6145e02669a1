// The disk says no: a full disk (a file-size limit, RLIMIT_FSIZE) and a read-only folder. Each ends
// in one clear line and exit 1, and nothing already stored is damaged or lost.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { BIN, tempDir } from "../helpers/cli.js";
import { parsedReview } from "../helpers/reviews.js";

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI through sh, so a `ulimit` (and, as root, another user) applies to it alone. */
function runLimited(script: string, options: { uid?: number; gid?: number; cwd: string }): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", script], {
      cwd: options.cwd,
      env: {
        PATH: process.env["PATH"],
        HOME: options.cwd,
        NO_COLOR: "1",
        XDG_CONFIG_HOME: path.join(options.cwd, "xdg"),
      },
      uid: options.uid,
      gid: options.gid,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function seed(db: string): number {
  const store = new Store(db);
  store.ensureSource("g", "google", "google-places");
  store.upsertPage(
    "g",
    "google",
    Array.from({ length: 40 }, (_, i) => parsedReview(`keep-${i}`, { rating: 4, text: `Kept review ${i}` })),
    new Date().toISOString(),
    false,
  );
  store.close();
  return 40;
}

function integrityAndCount(db: string): { ok: string; kept: number } {
  const d = new Database(db, { readonly: true });
  try {
    return {
      ok: d.pragma("integrity_check", { simple: true }) as string,
      kept: (
        d.prepare("SELECT count(*) AS n FROM reviews WHERE external_id LIKE 'keep-%'").get() as { n: number }
      ).n,
    };
  } finally {
    d.close();
  }
}

const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

describe("a full disk", () => {
  it("an import that outgrows the disk fails in one line with exit 1; the database holds what it held", async () => {
    const dir = tempDir("reviews-disk-");
    const db = path.join(dir, "r.db");
    const kept = seed(db);
    const before = fs.statSync(db).size + (fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0);
    // 20,000 reviews of ~1 KB: ~20 MB to write; the limit allows ~2 MB per file.
    const rows = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({
        id: `big-${i}`,
        author: `Reviewer ${i}`,
        rating: 5,
        date: "2026-11-01",
        text: `Big ${i} ${"x".repeat(1000)}`,
      }),
    );
    const file = path.join(dir, "big.jsonl");
    fs.writeFileSync(file, `${rows.join("\n")}\n`);
    const r = await runLimited(
      `ulimit -f 2048 && exec ${q(process.execPath)} ${q(BIN)} import ${q(file)} --source imp --site google --db ${q(db)}`,
      { cwd: dir },
    );
    expect(r.stderr).toMatch(
      /^reviews: the disk holding .*r\.db is full \(SQLITE_(FULL|IOERR\w*)\): free some space and run again; nothing stored so far was lost\n$/,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const after = integrityAndCount(db);
    expect(after).toEqual({ ok: "ok", kept });
    const d = new Database(db, { readonly: true });
    expect(
      (d.prepare("SELECT count(*) AS n FROM reviews WHERE external_id LIKE 'big-%'").get() as { n: number })
        .n,
    ).toBe(0);
    d.close();
    expect(before).toBeGreaterThan(0);
    // With room again, the same import completes.
    const ok = await runLimited(
      `exec ${q(process.execPath)} ${q(BIN)} import ${q(file)} --source imp --site google --db ${q(db)}`,
      {
        cwd: dir,
      },
    );
    expect(ok.code).toBe(0);
  }, 120_000);
});

describe("a read-only folder", () => {
  // As root, permissions do not stop writes: run the CLI as the unprivileged "nobody" instead.
  const root = process.getuid?.() === 0;
  const as = root ? { uid: 65534, gid: 65534 } : {};

  it("a new database there: one line naming the folder's permissions, exit 1", async () => {
    const dir = tempDir("reviews-ro-");
    const ro = path.join(dir, "locked");
    fs.mkdirSync(ro);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(ro, 0o555);
    const db = path.join(ro, "new.db");
    const file = path.join(dir, "one.jsonl");
    fs.writeFileSync(
      file,
      `${JSON.stringify({ id: "a", author: "Lan", rating: 5, text: "Ngon", date: "2026-11-01" })}\n`,
    );
    fs.chmodSync(file, 0o644);
    const r = await runLimited(
      `exec ${q(process.execPath)} ${q(BIN)} import ${q(file)} --source g --site google --db ${q(db)}`,
      { cwd: dir, ...as },
    );
    expect(r.stderr).toMatch(
      /^reviews: cannot (write|open|create) the database at .*new\.db \((EACCES|EPERM|SQLITE_CANTOPEN)\): check the folder's permissions/,
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.code).toBe(1);
    expect(fs.existsSync(db)).toBe(false);
  });

  it("an existing database in a folder that became read-only: check fails in one line; the data stays", async () => {
    const dir = tempDir("reviews-ro-");
    fs.chmodSync(dir, 0o755);
    const ro = path.join(dir, "data");
    fs.mkdirSync(ro);
    const db = path.join(ro, "r.db");
    const kept = seed(db);
    fs.writeFileSync(
      path.join(dir, "reviews.config.yaml"),
      `business: { name: "Kohvik Meri" }\nsources:\n  - { id: g, site: google, placeId: ChIJro, baseUrl: "http://127.0.0.1:9" }\n`,
    );
    if (root) {
      for (const f of fs.readdirSync(ro)) fs.chownSync(path.join(ro, f), 65534, 65534);
      fs.chownSync(ro, 65534, 65534);
    }
    for (const f of fs.readdirSync(ro)) fs.chmodSync(path.join(ro, f), 0o444);
    fs.chmodSync(ro, 0o555);
    const r = await runLimited(
      `GOOGLE_PLACES_API_KEY=k exec ${q(process.execPath)} ${q(BIN)} check --db ${q(db)} --config ${q(path.join(dir, "reviews.config.yaml"))}`,
      { cwd: dir, ...as },
    );
    expect(r.stderr).toMatch(
      /^reviews: (cannot (write|open) the database at .*r\.db|cannot create the lock .*r\.db\.lock \(EACCES\): check the database folder.s permissions)/,
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.code).toBe(1);
    fs.chmodSync(ro, 0o755);
    expect(integrityAndCount(db)).toEqual({ ok: "ok", kept });
    // Reading still works where writing cannot.
    fs.chmodSync(ro, 0o555);
    const list = await runLimited(`exec ${q(process.execPath)} ${q(BIN)} list --limit 1 --db ${q(db)}`, {
      cwd: dir,
      ...as,
    });
    expect({ code: list.code, err: list.stderr }).toMatchObject({ code: 0 });
    expect(list.stdout).toContain("Kept review");
  });
});
