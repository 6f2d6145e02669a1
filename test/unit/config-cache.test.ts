// The validated-config cache (src/config/cache.ts): a hit gives exactly what validating gives; any
// change of the text, of the build or of who may read the file validates again; failures are not kept.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cachedLoad } from "../../src/config/cache.js";
import { loadConfig, loadConfigOrDefaults, type LoadedConfig } from "../../src/config/load.js";
import { runCli, tempDir, writeConfig } from "../helpers/cli.js";

const CONFIG = `
business:
  name: "Gió Mùa Kitchen"
  timezone: "Asia/Ho_Chi_Minh"
  language: vi
negative: { maxRating: 2.5 }
classify: { watchWords: ["ngộ độc"] }
sources:
  - id: google-main
    site: google
    placeId: "ChIJabc"
  - id: yelp-main
    site: yelp
    url: "https://www.yelp.com/biz/gio-mua-kitchen-hanoi"
`;

function counting(load: () => LoadedConfig) {
  const calls = { n: 0 };
  return { calls, load: () => (calls.n++, Promise.resolve(load())) };
}

describe("config cache", () => {
  it("serves the validated config from the cache until the text, the build or the file's mode changes", async () => {
    const dir = tempDir();
    const cache = path.join(dir, "cache");
    const file = writeConfig(dir, CONFIG);
    fs.chmodSync(file, 0o600);
    const { calls, load } = counting(() => loadConfig(file, {}, dir));
    const first = await cachedLoad(file, dir, load, "build-1", cache);
    const second = await cachedLoad(file, dir, load, "build-1", cache);
    expect(calls.n).toBe(1);
    expect(second).toEqual(first);
    expect(second.config.sources.map((s) => s.id)).toEqual(["google-main", "yelp-main"]);
    expect(fs.statSync(path.join(cache, fs.readdirSync(cache)[0]!)).mode & 0o777).toBe(0o600);

    await cachedLoad(file, dir, load, "build-2", cache); // another build of reviews
    expect(calls.n).toBe(2);
    fs.appendFileSync(file, "http: { concurrency: 3 }\n"); // an edit
    const edited = await cachedLoad(file, dir, load, "build-2", cache);
    expect(calls.n).toBe(3);
    expect(edited.config.http.concurrency).toBe(3);
    fs.chmodSync(file, 0o644); // the secret warning depends on it
    await cachedLoad(file, dir, load, "build-2", cache);
    expect(calls.n).toBe(4);
    await cachedLoad(file, dir, load, "build-2", cache);
    expect(calls.n).toBe(4);
  });

  it("the defaults are cached too; a damaged cache file or no build id just validates", async () => {
    const dir = tempDir();
    const cache = path.join(dir, "cache");
    const { calls, load } = counting(() => loadConfigOrDefaults(undefined, {}, dir));
    const a = await cachedLoad(null, dir, load, "b", cache);
    const b = await cachedLoad(null, dir, load, "b", cache);
    expect(calls.n).toBe(1);
    expect(b).toEqual(a);
    for (const f of fs.readdirSync(cache)) fs.writeFileSync(path.join(cache, f), "{not json");
    await cachedLoad(null, dir, load, "b", cache);
    expect(calls.n).toBe(2);
    await cachedLoad(null, dir, load, null, cache);
    await cachedLoad(null, dir, load, null, cache);
    expect(calls.n).toBe(4);
  });

  it("a pipe (--config /dev/stdin) is read once, by the loader, and never cached", async () => {
    const dir = tempDir();
    const cache = path.join(dir, "cache");
    const fifo = path.join(dir, "config.fifo");
    execFileSync("mkfifo", [fifo]);
    const writer = spawn("sh", ["-c", `printf '%s' "$0" > "${fifo}"`, CONFIG]);
    const loaded = await cachedLoad(fifo, dir, async () => loadConfig(fifo, {}, dir), "b", cache);
    writer.kill();
    expect(loaded.config.sources).toHaveLength(2);
    expect(fs.existsSync(cache)).toBe(false);
  });

  it("the built CLI: a config broken after a cached run is reported, not served stale", async () => {
    const dir = tempDir();
    writeConfig(dir, CONFIG);
    const env = { XDG_CACHE_HOME: path.join(dir, "cache"), REVIEWS_DB: path.join(dir, "r.db") };
    expect((await runCli(["list"], { cwd: dir, env })).stderr).toMatch(/no database/);
    expect(fs.readdirSync(path.join(dir, "cache", "reviews", "config"))).toHaveLength(1);
    writeConfig(dir, CONFIG.replace("maxRating: 2.5", "maxRating: 9"));
    const r = await runCli(["list"], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/reviews\.config\.yaml: negative\.maxRating/);
  });
});
