#!/usr/bin/env node
// Not part of `npm run bench`: where the ingest time goes, and what would move it. On a fresh database
// of N reviews (default 50,000; `node bench/diagnose-ingest.js 100000`):
//  1. a breakdown of Store.upsertPage (its prepared statements and the transaction are timed by
//     wrapping them on the instance): first ingest, then the same rows again;
//  2. experiments that change the store's behaviour from the outside, to size possible changes:
//     unchanged rows only touching last_seen_at; 20 pages per transaction; no `raw`; fewer indexes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { requireDist } from "./lib/common.js";
import { ingest, openStore } from "./lib/db.js";
import { dbSources, pages, todayAnchor } from "./lib/synth.js";

requireDist();
const n = Number(process.argv[2] ?? 50_000);
const anchor = todayAnchor();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reviews-bench-diagnose-"));
const rate = (ms) => Math.round((n / ms) * 1000).toLocaleString("en-US");
let k = 0;
const fresh = async () => openStore(path.join(tmp, `r${k++}.db`));

try {
  // 1. Breakdown.
  const store = await fresh();
  const acc = {};
  const wrap = (name, stmt, method) => {
    const orig = stmt[method].bind(stmt);
    stmt[method] = (...a) => {
      const t = process.hrtime.bigint();
      const r = orig(...a);
      acc[name] = (acc[name] ?? 0n) + (process.hrtime.bigint() - t);
      return r;
    };
  };
  wrap("find", store.stmts.find, "get");
  wrap("insert", store.stmts.insert, "run");
  wrap("update", store.stmts.update, "run");
  const write = store.write.bind(store);
  store.write = (fn) => {
    const t0 = process.hrtime.bigint();
    let inner = 0n;
    const r = write(() => {
      const a = process.hrtime.bigint();
      const x = fn();
      inner += process.hrtime.bigint() - a;
      return x;
    });
    acc.txn = (acc.txn ?? 0n) + (process.hrtime.bigint() - t0 - inner);
    return r;
  };
  const ms = (x) => Number(x ?? 0n) / 1e6;
  console.log(`Store.upsertPage on ${n.toLocaleString("en-US")} reviews, 50 per page (ms):`);
  for (const [label, opts] of [
    ["first ingest", {}],
    ["again, unchanged", { now: new Date(anchor + 3600_000).toISOString() }],
  ]) {
    for (const key of Object.keys(acc)) acc[key] = 0n;
    const r = await ingest(store, n, anchor, { ...opts, progress: false });
    const known = ms(acc.find) + ms(acc.insert) + ms(acc.update) + ms(acc.txn);
    console.log(
      `  ${label.padEnd(17)} total ${r.upsertMs.toFixed(0)} (${rate(r.upsertMs)} rows/s): find ${ms(acc.find).toFixed(0)}, ` +
        `insert ${ms(acc.insert).toFixed(0)}, update ${ms(acc.update).toFixed(0)}, BEGIN+COMMIT ${ms(acc.txn).toFixed(0)}, ` +
        `the rest (contentHash, the values object, JSON.stringify(raw)) ${(r.upsertMs - known).toFixed(0)}`,
    );
  }
  store.close();

  // 2. Experiments.
  const all = [...pages(n, anchor)];
  const sources = dbSources();
  const run = async (label, { group = 1, noRaw = false, dropIdx = false, touch = false } = {}) => {
    const s = await fresh();
    for (const src of sources) s.ensureSource(src.id, src.site, src.method);
    if (dropIdx)
      for (const i of ["reviews_rating", "reviews_status", "reviews_first_seen"])
        s.db.exec(`DROP INDEX ${i}`);
    const input = noRaw
      ? all.map((p) => ({ ...p, reviews: p.reviews.map((r) => ({ ...r, raw: undefined })) }))
      : all;
    const pass = (now) => {
      const t0 = performance.now();
      for (let i = 0; i < input.length; i += group) {
        const batch = input.slice(i, i + group);
        const f = () => {
          for (const p of batch)
            s.upsertPage(p.source.id, p.source.site, p.reviews, now ?? p.now, p.baseline);
        };
        if (group > 1) s.db.transaction(f).immediate();
        else f();
      }
      return performance.now() - t0;
    };
    const first = pass();
    let again = null;
    if (touch) {
      // What a "touch" path in upsertPage would do: an unchanged row only gets last_seen_at.
      let last;
      const get = s.stmts.find.get.bind(s.stmts.find);
      s.stmts.find.get = (...a) => (last = get(...a));
      const tiny = s.db.prepare("UPDATE reviews SET last_seen_at = ?, removed_at = NULL WHERE id = ?");
      const update = s.stmts.update.run.bind(s.stmts.update);
      s.stmts.update.run = (v) =>
        last?.id === v.id &&
        last.content_hash === v.content_hash &&
        last.reply_text === v.reply_text &&
        last.status === v.status &&
        last.removed_at == null
          ? tiny.run(v.now, v.id)
          : update(v);
      again = pass(new Date(anchor + 3600_000).toISOString());
    }
    console.log(`  ${label.padEnd(50)} ${rate(first)} rows/s${again ? `; again ${rate(again)} rows/s` : ""}`);
    s.close();
  };
  console.log(`\nExperiments (reviews generated beforehand; rows/s of the store alone):`);
  await run("as the store does it (1 page = 1 transaction)");
  await run("20 pages per transaction", { group: 20 });
  await run("without raw (the site's payload, ~800 B a row)", { noRaw: true });
  await run("without the rating, status, first_seen indexes", { dropIdx: true });
  await run("unchanged rows only touch last_seen_at", { touch: true });
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
