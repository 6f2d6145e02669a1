// `reviews doctor`: config valid? every secret present? one request per source. A fix for each problem.
import type { AppContext } from "../context.js";
import { adapterFor } from "../../adapters/registry.js";
import { readSecret } from "../../config/secrets.js";
import { ExitCode, SourceError, errorMessage } from "../../errors.js";
import { cleanLine } from "../../util/sanitize.js";
import { redact } from "../../util/redact.js";
import { VERSION } from "../../version.js";

interface Finding {
  source: string | null;
  ok: boolean;
  check: string;
  message: string;
}

export async function run(ctx: AppContext, flags: { json?: boolean; offline?: boolean }): Promise<number> {
  const findings: Finding[] = [];
  const { config, file } = await ctx.config(); // a broken config throws its own one-line error (exit 2)
  findings.push({
    source: null,
    ok: true,
    check: "config",
    message: `${file} is valid (${config.sources.length} sources)`,
  });
  if (!config.business.contact.email && !config.business.contact.phone) {
    findings.push({
      source: null,
      ok: false,
      check: "contact",
      message:
        "business.contact has no email or phone: negative-review drafts need a direct contact; add one",
    });
  }
  const dbFile = await ctx.dbFile();
  findings.push({ source: null, ok: true, check: "database", message: `database: ${dbFile}` });

  const { HttpClient } = await import("../../http/client.js");
  const http = new HttpClient({
    timeoutMs: config.http.timeoutSeconds * 1000,
    retries: 0,
    connectionsPerHost: config.http.connectionsPerHost,
    maxBodyBytes: config.http.maxBodyMegabytes * 1024 * 1024,
    userAgent: `reviews-cli/${VERSION}`,
  });
  let configProblems = 0;
  let sourceProblems = 0;
  try {
    for (const source of config.sources.filter((s) => s.enabled)) {
      const info = adapterFor(source)!;
      const secrets: Record<string, string> = {};
      const missing = [];
      for (const need of info.secrets(source, ctx.env)) {
        const v = readSecret(need.name, ctx.env);
        if (v) secrets[need.name] = v;
        else missing.push(need);
      }
      if (missing.length) {
        configProblems++;
        for (const m of missing) {
          findings.push({
            source: source.id,
            ok: false,
            check: "secret",
            message: `${m.name} is not set: export ${m.name}=… (${m.purpose}), or set ${m.name}_FILE to a file holding it`,
          });
        }
        continue;
      }
      if (info.secrets(source, ctx.env).length)
        findings.push({ source: source.id, ok: true, check: "secret", message: "secrets present" });
      if (flags.offline) continue;
      try {
        const adapter = await info.load();
        const pages = adapter.pages({
          source: source as never,
          http,
          secrets,
          deadline: Date.now() + config.http.sourceBudgetSeconds * 1000,
          signal: new AbortController().signal,
          full: false,
        });
        const first = await pages.next();
        await pages.return(undefined);
        const n = first.done ? 0 : first.value.reviews.length;
        const count = first.done ? null : (first.value.summary?.count ?? null);
        findings.push({
          source: source.id,
          ok: true,
          check: "fetch",
          message: `${info.title} answered: ${n} reviews on the first page${count != null ? ` (the site reports ${count})` : ""}`,
        });
      } catch (err) {
        sourceProblems++;
        const msg = err instanceof SourceError ? `${err.kind}: ${err.message}` : errorMessage(err);
        findings.push({ source: source.id, ok: false, check: "fetch", message: redact(msg) });
      }
    }
  } finally {
    await http.close();
  }
  if (flags.json) ctx.io.out(JSON.stringify(findings, null, 2));
  else {
    const c = ctx.io.color;
    for (const f of findings) {
      const mark = f.ok ? c.green("ok  ") : c.red("FIX ");
      ctx.io.out(`${mark} ${f.source ? `${cleanLine(f.source)}: ` : ""}${cleanLine(f.message)}`);
    }
    const problems = findings.filter((f) => !f.ok).length;
    ctx.io.out(
      problems
        ? `\n${problems} problem${problems === 1 ? "" : "s"} to fix (see FIX lines).`
        : "\nEverything looks right.",
    );
  }
  if (configProblems) return ExitCode.usage;
  if (sourceProblems) return ExitCode.partial;
  return ExitCode.ok;
}
