// Reading a V8 .cpuprofile (node --cpu-prof): the functions with the most inclusive time.
import fs from "node:fs";

const label = (url) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return pkg ? pkg[1] : url.replace(/^.*?\/dist\//, "dist/");
};

/**
 * Top `limit` functions by inclusive time whose file URL matches `include` (default: the project's
 * dist/ and the packages it uses; native work such as SQLite's counts in the function that called it).
 */
export function topFunctions(file, { include = /\/(dist|node_modules)\//, limit = 12 } = {}) {
  const p = JSON.parse(fs.readFileSync(file, "utf8"));
  const byId = new Map(p.nodes.map((nd) => [nd.id, nd]));
  const parent = new Map();
  for (const nd of p.nodes) for (const c of nd.children ?? []) parent.set(c, nd.id);
  const incl = new Map();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    const seen = new Set();
    for (let id = p.samples[i]; id != null; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      if (!include.test(f.url)) continue;
      const key = `${f.functionName || "(anonymous)"} (${label(f.url)}:${f.lineNumber + 1})`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + dt);
    }
  }
  return {
    totalMs: total / 1000,
    top: [...incl]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([fn, us]) => ({ fn, ms: us / 1000, share: us / total })),
  };
}
