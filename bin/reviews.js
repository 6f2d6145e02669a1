#!/usr/bin/env node
// Thin shim: everything lives in dist/ (built by `npm run build`, run on install by `prepare`).
import module from "node:module";

// Node 22.1+ keeps compiled code between runs (faster start); older Node has no such call.
module.enableCompileCache?.();
// --help and --version from the texts saved at build time; everything else loads the bundled CLI.
const { fastPath } = await import("../dist/cli/fast.js");
if (!fastPath(process.argv.slice(2), new URL("../dist/help.json", import.meta.url))) {
  const { main } = await import("../dist/bundle/main.js");
  process.exitCode = await main(process.argv.slice(2));
}
