#!/usr/bin/env node
// Thin shim: everything lives in dist/ (built by `npm run build`, run on install by `prepare`).
import module from "node:module";

// Node 22.1+ keeps compiled code between runs (faster start); older Node has no such call.
module.enableCompileCache?.();
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
