// The second half of `npm run build`, after tsc has compiled src/ to dist/:
// 1. bundles the CLI (dist/cli/main.js and everything it imports, commands as lazily loaded chunks)
//    into dist/bundle/ with esbuild: one file per chunk loads much faster than ~200 modules of ours
//    and our dependencies (BENCHMARKS.md, Startup); better-sqlite3 stays outside (native addon);
// 2. renders every help text with the bundled program into dist/help.json for src/cli/fast.ts.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const outdir = path.join(dist, "bundle");

// The build's identity: a hash of the compiled code. The config cache (src/config/cache.ts) keys on
// it, so a config validated by one build is never trusted by another.
function filesUnder(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith(".js"))
    .sort();
}
fs.rmSync(outdir, { recursive: true, force: true });
const hash = createHash("sha256");
for (const file of filesUnder(dist)) hash.update(file.slice(dist.length)).update(fs.readFileSync(file));
hash.update(fs.readFileSync(path.join(root, "package.json")));
const buildId = hash.digest("hex").slice(0, 24);

await build({
  define: { __REVIEWS_BUILD_ID__: JSON.stringify(buildId) },
  // The exports' worker threads are modules of their own (src/export/csv-out.ts and csv-split.ts
  // start them by name).
  entryPoints: {
    main: path.join(dist, "cli", "main.js"),
    "csv-worker": path.join(dist, "export", "csv-worker.js"),
    "csv-reader": path.join(dist, "export", "csv-reader.js"),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["better-sqlite3"],
  // CommonJS dependencies (yaml, commander, nodemailer…) call require(): give the ESM chunks one.
  banner: {
    js: 'import { createRequire as __reviewsRequire } from "node:module"; const require = __reviewsRequire(import.meta.url);',
  },
  logLevel: "warning",
  legalComments: "none",
});

// Help texts, rendered by the program users run (the bundle), 80 columns, no colour.
const { main } = await import(pathToFileURL(path.join(outdir, "main.js")).href);
const { buildProgram } = await import(pathToFileURL(path.join(dist, "cli", "program.js")).href);
const { createIo } = await import(pathToFileURL(path.join(dist, "cli", "io.js")).href);
const { VERSION } = await import(pathToFileURL(path.join(dist, "version.js")).href);

async function render(argv) {
  let out = "";
  let err = "";
  const stream = (append) => ({ write: (s) => (append(s), true), isTTY: false });
  const io = createIo(
    stream((s) => (out += s)),
    stream((s) => (err += s)),
    {},
    true,
  );
  const code = await main(argv, io, root);
  if (code !== 0 || err)
    throw new Error(`reviews ${argv.join(" ")}: exit ${code}, stderr ${JSON.stringify(err)}`);
  return out;
}

const names = buildProgram(createIo({ write: () => true }, { write: () => true }, {}, true), root)
  .commands.map((c) => c.name())
  .filter((n) => n !== "help");
const help = { "": await render(["--help"]) };
for (const name of names) help[name] = await render([name, "--help"]);
fs.writeFileSync(path.join(dist, "help.json"), JSON.stringify({ version: VERSION, help }));
