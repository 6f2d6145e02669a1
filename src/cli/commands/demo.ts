// `reviews demo`: the whole journey on a bundled business, served from 127.0.0.1. No keys, no network.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppContext } from "../context.js";
import { parseConfigText } from "../../config/load.js";
import { startDemoServer, type DemoRoute } from "../../demo/server.js";
import { Store } from "../../store/store.js";
import { packageRoot } from "../../util/package-root.js";
import { checkExitCode, checkJson, printCheckReport } from "./check.js";

export const DEMO_DIR = path.join(packageRoot(), "fixtures", "demo");

interface DemoManifest {
  env: Record<string, string>;
  days: { title: string; note: string }[];
  routes: DemoRoute[];
}

export async function run(ctx: AppContext, flags: { json?: boolean }): Promise<number> {
  const io = ctx.io;
  const manifest = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, "manifest.json"), "utf8")) as DemoManifest;
  const server = await startDemoServer(DEMO_DIR, manifest.routes);
  const tmp = ctx.globals.db ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "reviews-demo-"));
  const dbFile = ctx.globals.db ? path.resolve(ctx.cwd, ctx.globals.db) : path.join(tmp!, "demo.db");
  const configFile = path.join(DEMO_DIR, "config.yaml");
  const configText = fs.readFileSync(configFile, "utf8").replaceAll("${DEMO_ORIGIN}", server.origin);
  const config = parseConfigText(configText, configFile);
  const store = new Store(dbFile);
  const { runCheck } = await import("../../check/run.js");
  const c = io.color;
  let code = 0;
  try {
    if (!flags.json) {
      io.out(c.bold(`Demo: ${config.business.name}, ${config.sources.length} review sources`));
      io.out(c.dim(`(the sites are played by a local server at ${server.origin}; database: ${dbFile})`));
    }
    const reports = [];
    for (const [day, step] of manifest.days.entries()) {
      server.setDay(day);
      if (!flags.json)
        io.out(`\n${c.bold.underline(step.title)}\n${c.dim(step.note)}\n${c.dim("$ reviews check")}\n`);
      const report = await runCheck({ config, store, now: ctx.now, env: { ...ctx.env, ...manifest.env } });
      if (flags.json) reports.push(checkJson(report, config));
      else printCheckReport(io, report, config, {});
      code = Math.max(code, checkExitCode(report));
    }
    if (flags.json) io.out(JSON.stringify(reports, null, 2));
    else if (ctx.globals.db) {
      io.out(
        `\nThe demo's reviews are in ${dbFile}. Try:\n  reviews list --db ${dbFile}\n  reviews show 1 --db ${dbFile}`,
      );
    } else {
      io.out(
        `\nTo keep the demo database and explore it with "reviews list", run: reviews demo --db demo.db`,
      );
      io.out(`To set up your own business: reviews init`);
    }
  } finally {
    store.close();
    await server.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
  return code;
}
