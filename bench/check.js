#!/usr/bin/env node
// Check at scale: 200 sources (× BENCH_SCALE, at least one per method) over every method, served by
// loopback servers — one per site host, one per business website for JSON-LD — that add 100 ms to
// every response; paged methods serve 3 pages of 10 reviews. The real CLI runs `reviews check --full
// --json` with a temp config and database; its wall time is compared with the ideal that
// http.concurrency and http.connectionsPerHost allow:
//
//   ideal = delay × max( ⌈Σ requests / concurrency⌉,  max over hosts ⌈requests to the host / connectionsPerHost⌉,
//                        max over sources requests of the source )
//
// (each source fetches its pages one after another; at most `concurrency` sources run at once; at most
// `connectionsPerHost` requests are in flight per host). Then `reviews check --json` again with nothing
// new: requests per paged source (goal: one).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bin, hasGnuTime, log, mainIfRun, row, scaled, spawnAsync } from "./lib/common.js";
import { METHODS, SECRETS, SINGLE_PAGE_WHY, makeSources, startSites } from "./lib/sites.js";

const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 100);

function ideal(perSource, http) {
  const total = perSource.reduce((a, s) => a + s.requests, 0);
  const byHost = new Map();
  for (const s of perSource) byHost.set(s.host, (byHost.get(s.host) ?? 0) + s.requests);
  const rounds = Math.max(
    Math.ceil(total / http.concurrency),
    ...[...byHost.values()].map((r) => Math.ceil(r / http.connectionsPerHost)),
    ...perSource.map((s) => s.requests),
  );
  return { ms: rounds * DELAY_MS, rounds, total, busiestHost: Math.max(...byHost.values()) };
}

/**
 * The CLI as a child (asynchronously: this process serves the sites meanwhile), with its CPU time.
 * BENCH_CLI_NODE_ARGS adds node options for a diagnosis, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
async function runCli(args, env) {
  const nodeArgs = (process.env.BENCH_CLI_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const t0 = process.hrtime.bigint();
  const r = hasGnuTime
    ? await spawnAsync("/usr/bin/time", ["-v", process.execPath, ...nodeArgs, bin, ...args], { env })
    : await spawnAsync(process.execPath, [...nodeArgs, bin, ...args], { env });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let cpuMs = null;
  let status = r.status;
  if (hasGnuTime) {
    const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
    const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
    if (user && sys) cpuMs = (Number(user[1]) + Number(sys[1])) * 1000;
    status = Number(/Exit status: (\d+)/.exec(r.stderr)?.[1] ?? r.status);
  }
  if (status !== 0 && status !== 3)
    throw new Error(`reviews ${args.join(" ")} exited ${status}: ${r.stderr}`);
  return { ms, cpuMs, status, json: JSON.parse(r.stdout), stderr: r.stderr };
}

export async function run() {
  const count = Math.max(METHODS.length, scaled(200));
  const httpSettings = { concurrency: 6, connectionsPerHost: 2 };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reviews-bench-check-"));
  const sites = await startSites(makeSources(count), { delayMs: DELAY_MS });
  try {
    const config = {
      business: { name: "Bench Kitchen Group", timezone: "Asia/Ho_Chi_Minh", language: "vi" },
      http: { ...httpSettings, timeoutSeconds: 15, retries: 2, sourceBudgetSeconds: 90 },
      sources: sites.sources.map((s) => s.config),
    };
    const configFile = path.join(tmp, "reviews.config.json");
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const db = path.join(tmp, "reviews.db");
    const env = {
      ...SECRETS,
      XDG_CONFIG_HOME: path.join(tmp, "config"),
      XDG_DATA_HOME: path.join(tmp, "data"),
      REVIEWS_CONFIG: "",
      REVIEWS_DB: "",
    };
    const args = ["check", "--json", "--config", configFile, "--db", db];
    log(`Check: ${count} sources on ${sites.hosts} loopback hosts, ${DELAY_MS} ms per response …`);

    const full = await runCli([...args, "--full"], env);
    const firstServed = new Map(sites.requests);
    const failed = full.json.sources.filter((s) => s.status === "failed");
    const perSource = sites.sources.map((s) => ({
      id: s.id,
      method: s.method,
      host: s.host ?? s.id,
      requests: firstServed.get(s.id) ?? 0,
    }));
    const best = ideal(perSource, httpSettings);
    const fetched = full.json.sources.reduce((a, s) => a + s.fetched, 0);
    // Requests the sites served per source, by method (e.g. zomato-page: 4 = restaurant page + 3).
    const requestsByMethod = {};
    for (const s of perSource) (requestsByMethod[s.method] ??= new Set()).add(s.requests);
    log(
      `  --full: ${(full.ms / 1000).toFixed(2)} s, ideal ${(best.ms / 1000).toFixed(2)} s; ${best.total} requests`,
    );

    sites.requests.clear();
    const again = await runCli(args, env);
    const paged = sites.sources.filter((s) => s.pages > 1);
    const pagedCounts = paged.map((s) => sites.requests.get(s.id) ?? 0);
    const cliCounts = paged.map((s) => again.json.sources.find((x) => x.id === s.id)?.requests ?? NaN);
    const maxReq = Math.max(...pagedCounts);
    const meanReq = pagedCounts.reduce((a, b) => a + b, 0) / pagedCounts.length;
    const againIdeal = ideal(
      sites.sources.map((s) => ({ host: s.host ?? s.id, requests: sites.requests.get(s.id) ?? 0 })),
      httpSettings,
    );
    log(`  again: ${(again.ms / 1000).toFixed(2)} s; requests per paged source max ${maxReq}`);

    const single = METHODS.filter((m) => m.pages < 3).map((m) => `${m.method}: ${SINGLE_PAGE_WHY[m.method]}`);
    const cmd = `node bench/check.js  (node bin/reviews.js check --full --json --config CONFIG --db DB; ${count} sources)`;
    return [
      row({
        bench: "check",
        name: `check --full, ${count} sources (${best.total} requests, ${DELAY_MS} ms each)`,
        figure: full.ms / 1000,
        unit: "s",
        reference: best.ms / 1000,
        referenceName: `ideal at concurrency ${httpSettings.concurrency}, ${httpSettings.connectionsPerHost}/host`,
        goal: "≤ 1.3× ideal",
        met: full.ms / best.ms <= 1.3,
        command: cmd,
        notes:
          `exit ${full.status}; CLI CPU time ${full.cpuMs == null ? "n/a" : `${(full.cpuMs / 1000).toFixed(2)} s`}; ${failed.length} failed sources${failed.length ? ` (${failed.map((f) => `${f.id}: ${f.error?.message}`).join("; ")})` : ""}; ` +
          `${fetched} reviews stored; ideal = ${best.rounds} rounds of ${DELAY_MS} ms (⌈${best.total}/${httpSettings.concurrency}⌉; busiest host ${best.busiestHost} requests). ` +
          `Requests per source by method: ${Object.entries(requestsByMethod)
            .map(([m, p]) => `${m} ${[...p].join("/")}`)
            .join(", ")}. Served at one page only: ${single.join("; ")}.`,
        extra: {
          perSource,
          requestsByMethod: Object.fromEntries(Object.entries(requestsByMethod).map(([k, v]) => [k, [...v]])),
        },
      }),
      row({
        bench: "check",
        name: "check again, nothing new: requests per paged source",
        figure: maxReq,
        unit: "requests",
        figureText: `${maxReq} (max; mean ${meanReq.toFixed(2)})`,
        goal: "1",
        met: maxReq === 1,
        command: `node bench/check.js  (node bin/reviews.js check --json --config CONFIG --db DB, second run)`,
        notes:
          `${paged.length} paged sources (${[...new Set(paged.map((s) => s.method))].join(", ")}); mean ${meanReq.toFixed(2)}; ` +
          `the CLI's own count agrees: ${cliCounts.every((c, i) => c === pagedCounts[i]) ? "yes" : `no (${cliCounts.join(",")})`}; ` +
          `wall ${(again.ms / 1000).toFixed(2)} s vs ideal ${(againIdeal.ms / 1000).toFixed(2)} s; exit ${again.status}`,
      }),
      row({
        bench: "check",
        name: "check again, nothing new: wall time",
        figure: again.ms / 1000,
        unit: "s",
        reference: againIdeal.ms / 1000,
        referenceName: "ideal",
        command: `node bin/reviews.js check --json --config CONFIG --db DB  (second run, ${count} sources)`,
        notes: `${againIdeal.total} requests; CLI CPU time ${again.cpuMs == null ? "n/a" : `${(again.cpuMs / 1000).toFixed(2)} s`}`,
      }),
    ];
  } finally {
    await sites.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await mainIfRun(import.meta.url, run);
