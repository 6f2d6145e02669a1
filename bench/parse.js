#!/usr/bin/env node
// Parse: MB/s of each page adapter's pure parse function on its largest fixture (fixtures/<method>/),
// versus cheerio's bare `load` of the same HTML (Zomato's review pages are JSON: versus JSON.parse).
// The fixtures are 0.5–2 KB, so a second row per adapter parses a synthetic page of 10 reviews of
// realistic length (the pages the check benchmark serves) to show the per-byte rate.
import fs from "node:fs";
import path from "node:path";
import { dist, log, mainIfRun, root, row, scale } from "./lib/common.js";
import { makeSources, respond, taPath } from "./lib/sites.js";

/** Bytes per second of fn over `bytes`, the median of 5 batches of ~(0.4 s × BENCH_SCALE, at least 0.1 s). */
function rate(fn, bytes) {
  const batchMs = Math.max(100, 400 * Math.min(1, scale));
  for (let i = 0; i < 50; i++) fn(); // warm up the JIT
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    const ms = performance.now() - t0;
    if (ms > 20) {
      n = Math.max(1, Math.round((n * batchMs) / ms));
      break;
    }
    n *= 4;
  }
  const rates = [];
  for (let b = 0; b < 5; b++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    rates.push((bytes * n) / ((performance.now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[2];
}

function largest(method, ext) {
  const dir = path.join(root, "fixtures", method);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !f.includes("expected") && f !== "cases.json")
    .map((f) => ({ f, size: fs.statSync(path.join(dir, f)).size }))
    .sort((a, b) => b.size - a.size);
  const file = files[0].f;
  return { file: `fixtures/${method}/${file}`, text: fs.readFileSync(path.join(dir, file), "utf8") };
}

export async function run() {
  const cheerio = await import("cheerio");
  const { parseYelpPage } = await import(dist("adapters/yelp-page/parse.js"));
  const { parseTripadvisorPage } = await import(dist("adapters/tripadvisor-page/parse.js"));
  const { parseState, parseLoadMore } = await import(dist("adapters/zomato-page/parse.js"));
  const { parseJsonLdPage } = await import(dist("adapters/jsonld-page/parse.js"));
  const now = new Date();
  const O = "http://127.0.0.1:1";
  const synth = Object.fromEntries(makeSources(9).map((s) => [s.method, Object.assign(s, { origin: O })]));
  const page = (method, p) => respond(synth[method], new URL(p, O), O).body;

  const cases = [
    {
      name: "yelp-page parseYelpPage",
      fixture: largest("yelp-page", ".html"),
      synthetic: page("yelp-page", "/biz/x?sort_by=date_desc"),
      parse: (h) => parseYelpPage(h, now),
    },
    {
      name: "tripadvisor-page parseTripadvisorPage",
      fixture: largest("tripadvisor-page", ".html"),
      synthetic: page("tripadvisor-page", taPath(synth["tripadvisor-page"], 0)),
      parse: (h) => parseTripadvisorPage(h, `${O}/Restaurant_Review-g1-d1-Reviews-x.html`, now),
    },
    {
      name: "zomato-page parseState (restaurant page)",
      fixture: largest("zomato-page", "restaurant.html"),
      synthetic: page("zomato-page", "/hanoi/bench-107-kitchen/reviews"),
      syntheticLabel: "synthetic restaurant page",
      parse: (h) => parseState(h),
    },
    {
      name: "zomato-page parseLoadMore (JSON review page)",
      fixture: largest("zomato-page", ".json"),
      synthetic: page("zomato-page", "/webroutes/reviews/loadMore?page=1"),
      parse: (h) => parseLoadMore(JSON.parse(h), now),
      json: true,
    },
    {
      name: "jsonld-page parseJsonLdPage",
      fixture: largest("jsonld-page", ".html"),
      synthetic: page("jsonld-page", "/reviews"),
      parse: (h) => parseJsonLdPage(h, `${O}/reviews`),
    },
  ];
  const rows = [];
  for (const c of cases) {
    for (const [label, input, file] of [
      ["largest fixture", c.fixture.text, c.fixture.file],
      [c.syntheticLabel ?? "synthetic 10-review page", c.synthetic, "bench/lib/sites.js"],
    ]) {
      const bytes = Buffer.byteLength(input);
      const out = c.parse(input);
      const what = out.reviews ? `${out.reviews.length} reviews` : `restaurant id ${out.resId}`;
      if (out.reviews?.length === 0 || (!out.reviews && !out.resId))
        throw new Error(`${c.name} found nothing in ${file}`);
      const mbps = rate(() => c.parse(input), bytes) / 1e6;
      const base = c.json ? () => JSON.parse(input) : () => cheerio.load(input);
      const ref = rate(base, bytes) / 1e6;
      log(`  ${c.name} on ${label}: ${mbps.toFixed(2)} MB/s (reference ${ref.toFixed(2)} MB/s)`);
      rows.push(
        row({
          bench: "parse",
          name: `${c.name}, ${label} (${(bytes / 1024).toFixed(1)} KB, ${what})`,
          figure: mbps,
          unit: "MB/s",
          reference: ref,
          referenceName: c.json ? "JSON.parse" : "cheerio.load",
          command: `node bench/parse.js  (${file})`,
          notes: `${((bytes / (mbps * 1e6)) * 1e6).toFixed(0)} µs per page; reference ${((bytes / (ref * 1e6)) * 1e6).toFixed(0)} µs`,
        }),
      );
    }
  }
  return rows;
}

await mainIfRun(import.meta.url, run);
