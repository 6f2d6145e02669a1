import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADAPTER_KEYS, keysOf } from "../../src/adapters/keys.js";
import { ADAPTERS } from "../../src/adapters/registry.js";

const dir = path.resolve("src/adapters");
const folders = fs
  .readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("adapter registry", () => {
  it("registers every adapter folder, and nothing else", () => {
    expect(ADAPTERS.map((a) => a.method).sort()).toEqual(folders);
  });
  for (const name of folders) {
    it(`${name} has a readme, fixtures with cases, and a terms note`, () => {
      expect(fs.existsSync(path.join(dir, name, "readme.md"))).toBe(true);
      expect(fs.existsSync(path.resolve("fixtures", name, "cases.json"))).toBe(true);
      expect(ADAPTERS.find((a) => a.method === name)!.terms.length).toBeGreaterThan(20);
    });
  }
  it("has the key schema of every adapter, and of nothing else", () => {
    expect(Object.keys(ADAPTER_KEYS).sort()).toEqual(folders);
    expect(() => keysOf("no-such-method")).toThrow(/no key schema/);
  });
  it("method names are unique", () => {
    expect(new Set(ADAPTERS.map((a) => a.method)).size).toBe(ADAPTERS.length);
  });
});
