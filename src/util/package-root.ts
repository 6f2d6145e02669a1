// The installed package's own folder (where package.json and fixtures/ live), found from this module.
// Walking up instead of a fixed "../.." keeps it right both in dist/ modules and in the bundle.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "bin", "reviews.js"))) {
      return (cached = dir);
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error("cannot find the reviews package folder (package.json) above its code");
    dir = up;
  }
}
