// Building review databases through the store's own upsert path (Store.upsertPage, one transaction per
// page, as `reviews check` stores every page), and caching the big ones between runs.
import fs from "node:fs";
import path from "node:path";
import { cacheDir, dist, log } from "./common.js";
import { dbSources, pages, todayAnchor } from "./synth.js";

/** Bump when the generator changes: cached databases of another version are rebuilt. */
export const DATA_VERSION = 2;

export async function openStore(file) {
  const { Store } = await import(dist("store/store.js"));
  return new Store(file);
}

/**
 * Store `n` synthetic reviews. Returns the time spent inside upsertPage (the store's figure; wall and
 * CPU time — SQLite runs in this process, so its work is in our CPU time) and the wall time of the
 * whole loop (which adds generating the reviews). `now` overrides every page's check time (a re-run).
 */
export async function ingest(store, n, anchorMs, { now, progress = true } = {}) {
  const sources = dbSources();
  for (const s of sources) store.ensureSource(s.id, s.site, s.method);
  let upsertNs = 0n;
  let cpuUs = 0;
  let rows = 0;
  let pageCount = 0;
  let newRows = 0;
  let unchanged = 0;
  let updated = 0;
  const t0 = process.hrtime.bigint();
  let lastLog = Date.now();
  for (const page of pages(n, anchorMs, sources)) {
    const c = process.cpuUsage();
    const a = process.hrtime.bigint();
    const r = store.upsertPage(
      page.source.id,
      page.source.site,
      page.reviews,
      now ?? page.now,
      page.baseline,
    );
    upsertNs += process.hrtime.bigint() - a;
    const cu = process.cpuUsage(c);
    cpuUs += cu.user + cu.system;
    rows += page.reviews.length;
    newRows += r.newIds.length;
    updated += r.updatedIds.length;
    unchanged += r.unchanged;
    pageCount++;
    if (progress && Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      log(`  … ${rows.toLocaleString("en-US")} / ${n.toLocaleString("en-US")} rows`);
    }
  }
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return {
    rows,
    pages: pageCount,
    upsertMs: Number(upsertNs) / 1e6,
    upsertCpuMs: cpuUs / 1000,
    wallMs,
    newRows,
    updated,
    unchanged,
  };
}

export function dbFiles(file) {
  return [file, `${file}-wal`, `${file}-shm`];
}

export function removeDb(file) {
  for (const f of dbFiles(file)) fs.rmSync(f, { force: true });
}

function cachePaths(n) {
  const dir = path.join(cacheDir, `v${DATA_VERSION}-n${n}`);
  return { dir, file: path.join(dir, "reviews.db"), meta: path.join(dir, "meta.json") };
}

export async function schemaVersion() {
  return (await import(dist("store/migrations.js"))).SCHEMA_VERSION;
}

/**
 * A cached database of `n` reviews, if there is a fresh one: same generator, same schema (a CLI run
 * would otherwise migrate it first), history ending less than 7 days ago.
 */
export async function cachedDb(n) {
  const p = cachePaths(n);
  const schema = await schemaVersion();
  try {
    const meta = JSON.parse(fs.readFileSync(p.meta, "utf8"));
    if (meta.version === DATA_VERSION && meta.n === n && meta.schema === schema && fs.existsSync(p.file)) {
      if (Date.now() - meta.anchorMs < 7 * 86400_000) return { file: p.file, meta };
    }
  } catch {
    // no cache yet
  }
  return null;
}

/** Move a database built elsewhere (the ingest benchmark's) into the cache. */
export async function adoptIntoCache(file, meta) {
  const p = cachePaths(meta.n);
  fs.rmSync(p.dir, { recursive: true, force: true });
  fs.mkdirSync(p.dir, { recursive: true });
  for (const f of dbFiles(file)) {
    if (fs.existsSync(f)) fs.renameSync(f, f.replace(file, p.file));
  }
  fs.writeFileSync(
    p.meta,
    JSON.stringify({ ...meta, version: DATA_VERSION, schema: await schemaVersion() }, null, 2),
  );
  return { file: p.file, meta };
}

/** The cached database of `n` reviews, built (through upsertPage) when missing or stale. */
export async function ensureDb(n) {
  const hit = await cachedDb(n);
  if (hit) return hit;
  const p = cachePaths(n);
  const tmpDir = `${p.dir}.building-${process.pid}`;
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  const file = path.join(tmpDir, "reviews.db");
  const anchorMs = todayAnchor();
  log(`Building a database of ${n.toLocaleString("en-US")} reviews in ${p.dir} (cached for later runs)…`);
  const store = await openStore(file);
  const r = await ingest(store, n, anchorMs);
  store.close();
  const meta = { n, anchorMs, builtAt: new Date().toISOString(), buildSeconds: r.wallMs / 1000 };
  const out = await adoptIntoCache(file, meta);
  fs.rmSync(tmpDir, { recursive: true, force: true });
  log(`  built in ${(r.wallMs / 1000).toFixed(1)} s`);
  return out;
}
