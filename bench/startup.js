#!/usr/bin/env node
// Startup: `reviews --help` and `reviews list --limit 20` (on a database of 100,000 reviews × BENCH_SCALE,
// built once through the store's upsert path and cached), each against bare `node -e ''`.
// Median of BENCH_RUNS (default 11) runs after two warm-up rounds that fill the OS file cache. The
// commands take turns (bare, --help, list, --version, bare, …) so that load from other programs on the
// machine falls on all of them alike; the notes add the median of the paired differences with the
// bare run of the same round, the minimum, and the CPU time (GNU time), which such load disturbs less.
// `list` runs three ways: without a config file (defaults), with a config file of six sources whose
// validation the CLI has cached (every run after the first), and with that file validated afresh on
// every run (the cache folder unwritable), which is what the first run after an edit costs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bin, commandLine, log, mainIfRun, median, row, runOnce, scaled } from "./lib/common.js";
import { ensureDb } from "./lib/db.js";

export async function run() {
  const runs = Number(process.env.BENCH_RUNS ?? 11);
  const n = scaled(100_000, 1000);
  const { file } = await ensureDb(n);
  const node = process.execPath;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reviews-bench-startup-"));
  const config = path.join(tmp, "reviews.config.yaml");
  fs.writeFileSync(config, CONFIG);
  const cacheHome = path.join(tmp, "cache");
  const commands = {
    bare: ["-e", ""],
    help: [bin, "--help"],
    list: [bin, "list", "--limit", "20", "--db", file],
    listConfig: [bin, "list", "--limit", "20", "--db", file, "--config", config],
    listValidate: [bin, "list", "--limit", "20", "--db", file, "--config", config],
    version: [bin, "--version"],
  };
  const envs = {
    listConfig: { XDG_CACHE_HOME: cacheHome },
    // A cache folder that cannot be created: every run parses and validates the file.
    listValidate: { XDG_CACHE_HOME: "/dev/null/no-cache" },
  };
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  log(`Startup: ${runs} rounds …`);
  for (let round = 0; round < runs + 2; round++) {
    for (const [k, args] of Object.entries(commands)) {
      const r = runOnce(node, args, { rss: true, env: envs[k] ?? {} });
      if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
      if (round >= 2) samples[k].push(r);
    }
  }
  const stat = (k) => {
    const xs = samples[k];
    const cpu = xs.map((x) => x.cpuMs).filter((x) => x != null);
    return {
      median: median(xs.map((x) => x.ms)),
      min: Math.min(...xs.map((x) => x.ms)),
      max: Math.max(...xs.map((x) => x.ms)),
      cpuMs: cpu.length ? median(cpu) : null,
      peakRssMB: Math.max(...xs.map((x) => x.peakRssMB ?? 0)) || null,
      paired: median(xs.map((x, i) => x.ms - samples.bare[i].ms)),
      runs: xs.length,
      command: commandLine(node, commands[k]),
    };
  };
  const bare = stat("bare");
  const help = stat("help");
  const list = stat("list");
  const version = stat("version");
  const listConfig = stat("listConfig");
  const listValidate = stat("listValidate");
  fs.rmSync(tmp, { recursive: true, force: true });
  const note = (m) =>
    `median of ${m.runs}; min ${m.min.toFixed(1)} ms, max ${m.max.toFixed(1)} ms` +
    (m.cpuMs != null ? `; CPU (user+sys) ${m.cpuMs.toFixed(0)} ms` : "") +
    (m.peakRssMB != null ? `; peak RSS ${m.peakRssMB.toFixed(0)} MB` : "");
  // A difference with its sign: "+6.4" or "−10.8" (a start can beat bare Node's by chance);
  // the sign follows the rounded figure, so a tiny negative prints "+0.0", not "−0.0".
  const signed = (x, digits) => {
    const size = Math.abs(x).toFixed(digits);
    return (x < 0 && Number(size) !== 0 ? "−" : "+") + size;
  };
  const over = (m) =>
    `${signed(m.median - bare.median, 1)} ms over bare node (paired ${signed(m.paired, 1)} ms, min vs min ${signed(m.min - bare.min, 1)} ms` +
    (m.cpuMs != null ? `, CPU ${signed(m.cpuMs - bare.cpuMs, 0)} ms)` : ")");
  return [
    row({
      bench: "startup",
      name: "node -e '' (bare Node)",
      figure: bare.median,
      unit: "ms",
      command: bare.command,
      notes: note(bare),
    }),
    row({
      bench: "startup",
      name: "reviews --help",
      figure: help.median,
      unit: "ms",
      reference: bare.median,
      referenceName: "bare node",
      goal: "≤ bare node + 60 ms",
      met: help.median - bare.median <= 60,
      command: help.command,
      notes: `${note(help)}; ${over(help)}`,
    }),
    row({
      bench: "startup",
      name: "reviews --version",
      figure: version.median,
      unit: "ms",
      reference: bare.median,
      referenceName: "bare node",
      command: version.command,
      notes: `${note(version)}; ${over(version)}`,
    }),
    row({
      bench: "startup",
      name: `reviews list --limit 20 (${n.toLocaleString("en-US")} reviews)`,
      figure: list.median,
      unit: "ms",
      reference: bare.median,
      referenceName: "bare node",
      command: list.command.replace(file, "DB"),
      notes: `${note(list)}; ${over(list)}; stdout is a pipe (tab-separated output); no config file (defaults)`,
    }),
    row({
      bench: "startup",
      name: `reviews list --limit 20 --config FILE, validation cached (${n.toLocaleString("en-US")} reviews)`,
      figure: listConfig.median,
      unit: "ms",
      reference: bare.median,
      referenceName: "bare node",
      command: listConfig.command.replace(file, "DB").replace(config, "FILE"),
      notes: `${note(listConfig)}; ${over(listConfig)}; a config of 6 sources, its validation cached by an earlier run`,
    }),
    row({
      bench: "startup",
      name: `reviews list --limit 20 --config FILE, validated (${n.toLocaleString("en-US")} reviews)`,
      figure: listValidate.median,
      unit: "ms",
      reference: bare.median,
      referenceName: "bare node",
      command: `XDG_CACHE_HOME=/dev/null/no-cache ${listValidate.command.replace(file, "DB").replace(config, "FILE")}`,
      notes: `${note(listValidate)}; ${over(listValidate)}; the same file parsed (yaml) and validated (zod) on every run, as after an edit`,
    }),
  ];
}

const CONFIG = `business:
  name: "Gió Mùa Kitchen"
  timezone: "Asia/Ho_Chi_Minh"
  language: vi
negative: { maxRating: 2 }
sources:
  - { id: google-main, site: google, placeId: "ChIJbench0000000000000001" }
  - { id: yelp-main, site: yelp, url: "https://www.yelp.com/biz/gio-mua-kitchen-hanoi" }
  - { id: facebook-main, site: facebook, pageId: "100000000000001" }
  - { id: tripadvisor-main, site: tripadvisor, url: "https://www.tripadvisor.com/Restaurant_Review-g293924-d00000001-Reviews-Gio_Mua_Kitchen-Hanoi.html" }
  - { id: zomato-main, site: zomato, url: "https://www.zomato.com/hanoi/gio-mua-kitchen" }
  - { id: website, site: jsonld, url: "https://gio-mua.example/reviews" }
`;

await mainIfRun(import.meta.url, run);
