// Spawning the built CLI, as a user would run it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const BIN = path.resolve("bin/reviews.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `reviews ARGS` asynchronously (loopback servers in this process keep answering). */
export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: {
        PATH: process.env["PATH"],
        HOME: process.env["HOME"],
        XDG_CONFIG_HOME: path.join(os.tmpdir(), "reviews-test-no-xdg-config"),
        XDG_DATA_HOME: path.join(os.tmpdir(), "reviews-test-no-xdg-data"),
        XDG_CACHE_HOME: path.join(os.tmpdir(), "reviews-test-cache"),
        NO_COLOR: "1",
        ...options.env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    // Decoded as a stream: a character whose bytes two reads split is not lost.
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

const made: string[] = [];

/** A new folder under the OS's temp folder, removed after the test file (test/setup.ts). */
export function tempDir(prefix = "reviews-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * Removes the folders `tempDir` made in this test file, unless REVIEWS_TEST_KEEP_TMP is set (to look
 * at a failing test's files). A folder that cannot be removed is left to the OS's temp cleaning.
 */
export function removeTempDirs(): void {
  if (process.env["REVIEWS_TEST_KEEP_TMP"]) return;
  for (const dir of made.splice(0)) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // left behind: nothing a test depends on
    }
  }
}

export function writeConfig(dir: string, yaml: string, name = "reviews.config.yaml"): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, yaml);
  return file;
}
