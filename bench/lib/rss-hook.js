// Used when /usr/bin/time is missing: preloaded into a measured node child with
// `node --import ./bench/lib/rss-hook.js …`, it writes the child's own peak RSS (kB) and CPU time at
// exit to $BENCH_RSS_OUT.
import fs from "node:fs";

const out = process.env.BENCH_RSS_OUT;
if (out) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    fs.writeFileSync(
      out,
      JSON.stringify({ maxRSSkB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }),
    );
  });
}
