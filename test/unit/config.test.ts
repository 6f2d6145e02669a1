import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findConfigFile, formatPath, loadConfig, parseConfigText } from "../../src/config/load.js";
import { ConfigError } from "../../src/errors.js";
import { readSecret, requireSecret } from "../../src/config/secrets.js";
import { tempDir } from "../helpers/cli.js";

const GOOD = `
business:
  name: "Gió Mùa Kitchen"
  contact: { name: "Linh", email: "care@example.com", phone: "+84 24 0000 0000" }
  signature: "Linh, owner"
  timezone: "Asia/Ho_Chi_Minh"
negative: { maxRating: 2 }
sources:
  - id: google-main
    site: google
    placeId: "ChIJabc"
    baseUrl: "https://places.googleapis.com"
    enabled: true
`;

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfigText", () => {
  it("accepts the documented example and fills defaults", () => {
    const c = parseConfigText(GOOD, "reviews.config.yaml");
    expect(c.business.name).toBe("Gió Mùa Kitchen");
    expect(c.sources[0]).toMatchObject({
      id: "google-main",
      site: "google",
      placeId: "ChIJabc",
      enabled: true,
    });
    expect(c.replyWithinHours).toEqual({ negative: 24, other: 72 });
    expect(c.http.timeoutSeconds).toBe(15);
  });
  it("accepts JSON", () => {
    const c = parseConfigText(JSON.stringify({ business: { name: "X" }, sources: [] }), "c.json");
    expect(c.business.timezone).toBe("UTC");
  });
  it("names the file, the path inside it and what is expected", () => {
    const bad = GOOD.replace('placeId: "ChIJabc"', "placeId: 42");
    expect(errorOf(() => parseConfigText(bad, "/etc/r.yaml"))).toMatch(
      /^\/etc\/r\.yaml: sources\[0\]\.placeId: .*place id/,
    );
    const missingKey = GOOD.replace('    placeId: "ChIJabc"\n', "");
    expect(errorOf(() => parseConfigText(missingKey, "r.yaml"))).toMatch(
      /r\.yaml: sources\[0\]\.placeId: missing/,
    );
  });
  it("rejects bad ids, unknown sites, duplicate ids, bad zones and typos", () => {
    expect(
      errorOf(() => parseConfigText(GOOD.replace("id: google-main", "id: Google Main"), "r.yaml")),
    ).toMatch(/sources\[0\]\.id: expected lower-case/);
    expect(errorOf(() => parseConfigText(GOOD.replace("site: google", "site: myspace"), "r.yaml"))).toMatch(
      /sources\[0\]\.site: expected one of google, yelp/,
    );
    const twice = GOOD + `  - id: google-main\n    site: google\n    placeId: "ChIJdef"\n`;
    expect(errorOf(() => parseConfigText(twice, "r.yaml"))).toMatch(
      /sources\[1\]\.id: "google-main" is used twice/,
    );
    expect(
      errorOf(() => parseConfigText(GOOD.replace("Asia/Ho_Chi_Minh", "Mars/Olympus"), "r.yaml")),
    ).toMatch(/business\.timezone: expected an IANA time zone/);
    expect(errorOf(() => parseConfigText(GOOD.replace("negative:", "negatvie:"), "r.yaml"))).toMatch(
      /unknown key "negatvie"/,
    );
    expect(
      errorOf(() => parseConfigText(GOOD.replace("https://places.googleapis.com", "ftp://x"), "r.yaml")),
    ).toMatch(/sources\[0\]\.baseUrl: expected an http\(s\) URL/);
  });
  it("reports YAML syntax errors with a line number", () => {
    expect(errorOf(() => parseConfigText("business:\n  name: [unclosed\n", "r.yaml"))).toMatch(
      /r\.yaml: YAML error at line \d+/,
    );
  });
  it("formats paths", () => {
    expect(formatPath(["sources", 2, "placeId"])).toBe("sources[2].placeId");
    expect(formatPath([])).toBe("(top level)");
  });
});

describe("finding the config file", () => {
  it("follows --config, then REVIEWS_CONFIG, then ./reviews.config.*", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "reviews.config.yml"), GOOD);
    expect(findConfigFile("other.yaml", {}, dir)).toBe(path.join(dir, "other.yaml"));
    expect(findConfigFile(undefined, { REVIEWS_CONFIG: "env.yaml" }, dir)).toBe(path.join(dir, "env.yaml"));
    expect(findConfigFile(undefined, {}, dir)).toBe(path.join(dir, "reviews.config.yml"));
  });
  it("says how to get started when there is none, and when a named file is missing", () => {
    const dir = tempDir();
    const prev = process.env["XDG_CONFIG_HOME"];
    expect(errorOf(() => loadConfig("nope.yaml", {}, dir))).toMatch(/nope\.yaml does not exist/);
    process.env["XDG_CONFIG_HOME"] = prev;
  });
});

describe("secrets", () => {
  it("reads from the environment or from a *_FILE", () => {
    const dir = tempDir();
    const file = path.join(dir, "key");
    fs.writeFileSync(file, "file-secret-123\n");
    expect(readSecret("K", { K: "env-secret-1" })).toBe("env-secret-1");
    expect(readSecret("K", { K_FILE: file })).toBe("file-secret-123");
    expect(readSecret("K", {})).toBeUndefined();
  });
  it("a missing one says which variable to set", () => {
    expect(() => requireSecret("GOOGLE_PLACES_API_KEY", 'source "g"', "a key", {})).toThrow(
      /source "g" needs a key in the environment variable GOOGLE_PLACES_API_KEY/,
    );
  });
});

describe("secrets in the config file", () => {
  it("warns about secret-looking keys, more strongly when others can read the file", () => {
    const dir = tempDir();
    const file = path.join(dir, "reviews.config.yaml");
    fs.writeFileSync(
      file,
      GOOD.replace(
        'placeId: "ChIJabc"',
        'placeId: "ChIJabc"\n    apiKey: "AIzaSyLEAKED"\n    apiKeyEnv: OTHER',
      ),
    );
    fs.chmodSync(file, 0o644);
    const loaded = loadConfig(file, {}, dir);
    expect(loaded.warnings).toEqual([
      `${file} holds what looks like a secret (sources[0].apiKey), and other users of this machine can read the file: secrets are read only from the environment; remove it from the file and set the environment variable instead`,
    ]);
    expect(loaded.warnings[0]).not.toContain("AIzaSyLEAKED");
    fs.chmodSync(file, 0o600);
    expect(loadConfig(file, {}, dir).warnings[0]).not.toContain("other users");
    fs.writeFileSync(file, GOOD);
    expect(loadConfig(file, {}, dir).warnings).toEqual([]);
  });
});
