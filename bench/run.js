#!/usr/bin/env node
// `npm run bench`: measured figures, never asserted in tests. Prints a table and writes bench/results.json.
// Today it measures startup (the first benchmark of issue 9); the others join it as they land.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin", "reviews.js");
const runs = Number(process.env.BENCH_RUNS ?? 15);

function timeCommand(args) {
  const samples = [];
  for (let i = 0; i < runs + 2; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
    if (i >= 2) samples.push(ms); // two warm-up runs fill the OS file cache
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0] };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reviews-bench-"));
const db = path.join(tmp, "demo.db");
spawnSync(process.execPath, [bin, "demo", "--db", db], { stdio: "ignore" });

const baseline = timeCommand(["-e", ""]);
const rows = [
  { name: "node -e ''", ...baseline, reference: null },
  { name: "reviews --help", ...timeCommand([bin, "--help"]), reference: "node -e ''" },
  {
    name: "reviews list --limit 20 (demo db)",
    ...timeCommand([bin, "list", "--limit", "20", "--db", db]),
    reference: "node -e ''",
  },
];
fs.rmSync(tmp, { recursive: true, force: true });

const machine = {
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? "?",
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
};
console.log(
  `Machine: ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}; ${runs} runs each, median (min)`,
);
console.log("| benchmark | median ms | min ms | vs bare node |");
console.log("|---|---:|---:|---:|");
for (const r of rows) {
  const vs = r.reference
    ? `+${(r.median - baseline.median).toFixed(1)} ms (${(r.median / baseline.median).toFixed(2)}×)`
    : "—";
  console.log(`| ${r.name} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)} | ${vs} |`);
}
fs.writeFileSync(
  path.join(root, "bench", "results.json"),
  JSON.stringify({ date: new Date().toISOString(), machine, command: "npm run bench", rows }, null, 2),
);
