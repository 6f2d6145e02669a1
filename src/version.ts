// The package version, read once from package.json (no JSON import: keeps the build simple).
import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "./util/package-root.js";

function readVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

export const VERSION = readVersion();
