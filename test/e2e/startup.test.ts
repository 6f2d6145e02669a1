// The startup fast path (src/cli/fast.ts): --help and --version answered from the texts saved at build
// time must be exactly what the program itself prints, and everything else must reach the program.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { createIo } from "../../src/cli/io.js";
import { cachedOutput, fastPath, type HelpCache } from "../../src/cli/fast.js";
import { Store } from "../../src/store/store.js";
import { BIN, runCli, tempDir } from "../helpers/cli.js";
import { parsedReview } from "../helpers/reviews.js";

/** What the program prints, in this process, from src/ (not the build): 80 columns, a pipe. */
async function inProcess(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io = createIo({ write: (s) => ((out += s), true) }, { write: (s) => ((err += s), true) }, {}, true);
  const code = await main(argv, io, process.cwd());
  return { code, out, err };
}

const HELP_CALLS = [
  ["--help"],
  ["-h"],
  ["help"],
  ["--version"],
  ["-V"],
  ["list", "--help"],
  ["help", "list"],
  ["export", "-h"],
  ["digest", "--help"],
  ["templates", "--help"],
  ["check", "--help"],
];

describe("startup fast path", () => {
  it("the built CLI answers --help and --version exactly as the program from src/ does", async () => {
    const cache = JSON.parse(fs.readFileSync("dist/help.json", "utf8")) as HelpCache;
    for (const argv of HELP_CALLS) {
      const expected = await inProcess(argv);
      expect(expected.code, argv.join(" ")).toBe(0);
      // The saved text is used for this call…
      expect(cachedOutput(argv, cache, undefined), argv.join(" ")).toBe(expected.out);
      // …and the spawned binary prints the same bytes.
      const r = await runCli(argv);
      expect(r.code, argv.join(" ")).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout, argv.join(" ")).toBe(expected.out);
    }
  });

  it("every command's help is saved", async () => {
    const cache = JSON.parse(fs.readFileSync("dist/help.json", "utf8")) as HelpCache;
    const top = (await inProcess(["--help"])).out;
    const names = [...top.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((n) => n !== "help");
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) expect(Object.keys(cache.help), name).toContain(name);
  });

  it("anything else goes to the program: other arguments, narrow terminals, unknown commands", () => {
    const cache: HelpCache = { version: "9.9.9", help: { "": "top\n", list: "list help\n" } };
    expect(cachedOutput(["--help"], cache, 120)).toBe("top\n");
    expect(cachedOutput(["--help"], cache, 60)).toBeNull();
    expect(cachedOutput(["list"], cache, undefined)).toBeNull();
    expect(cachedOutput([], cache, undefined)).toBeNull();
    expect(cachedOutput(["list", "--help", "--json"], cache, undefined)).toBeNull();
    expect(cachedOutput(["--debug", "--help"], cache, undefined)).toBeNull();
    expect(cachedOutput(["nope", "--help"], cache, undefined)).toBeNull();
    expect(cachedOutput(["help", "nope"], cache, undefined)).toBeNull();
    expect(cachedOutput(["-V"], cache, undefined)).toBe("9.9.9\n");
    expect(fastPath(["--help"], new URL("file:///nonexistent/help.json"))).toBe(false);
  });

  it("calls the fast path does not answer behave as the program does (unknown command, other flags)", async () => {
    for (const argv of [["nope", "--help"], ["chek"], ["list", "--help", "--json"]]) {
      const expected = await inProcess(argv);
      const r = await runCli(argv);
      expect(r.code, argv.join(" ")).toBe(expected.code);
      expect(r.stdout, argv.join(" ")).toBe(expected.out);
    }
    expect((await runCli(["chek"])).code).toBe(2);
  });

  it("a reader that closes early (| head -1) ends the output quietly: no stack trace", () => {
    const dir = tempDir();
    const db = path.join(dir, "r.db");
    const store = new Store(db);
    const text = "A long and happy review. ".repeat(40);
    for (let page = 0; page < 20; page++) {
      const reviews = Array.from({ length: 50 }, (_, i) => parsedReview(`r${page}-${i}`, { text }));
      store.upsertPage("g", "google", reviews, "2026-11-20T00:00:00.000Z", false);
    }
    store.close();
    for (const args of ["--help", `--db ${db} list --limit 0`, `--db ${db} export reviews --format jsonl`]) {
      const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" ${args} | head -c 10`], {
        encoding: "utf8",
        env: { PATH: process.env["PATH"], NO_COLOR: "1" },
      });
      expect(r.stdout.length, args).toBe(10);
      expect(r.stderr, args).toBe("");
    }
  });
});
