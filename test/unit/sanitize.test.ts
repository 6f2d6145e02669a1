import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cleanLine, cleanText, safeUrl, truncate } from "../../src/util/sanitize.js";
import { redact, registerSecret } from "../../src/util/redact.js";

const FORBIDDEN = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]/;

describe("cleanText", () => {
  it("removes CSI, OSC 52 clipboard writes, OSC 8 links, CR and bidi overrides", () => {
    const hostile =
      "\x1b]52;c;ZWNobyBwd25lZA==\x07Terrible\x1b[2J\r\x1b[31m service \u202egnp.exe \x1b]8;;http://evil\x07link\x1b]8;;\x07";
    const out = cleanText(hostile);
    expect(out).toBe("Terrible\n service gnp.exe link");
    expect(out).not.toMatch(FORBIDDEN);
  });
  it("replaces 8-bit C1 introducers and an unterminated escape", () => {
    expect(cleanText("a\x9b31mb")).not.toMatch(FORBIDDEN);
    expect(cleanText("tail\x1b]52;c;AAAA")).not.toContain("\x1b");
    expect(cleanText("bell\x07 nul\x00 bs\x08")).toBe("bell\uFFFD nul\uFFFD bs\uFFFD");
  });
  it("keeps newlines and tabs, Vietnamese and Estonian letters and emoji", () => {
    expect(cleanText("Phở ngon\tõhtu\nšokolaad 👍")).toBe("Phở ngon\tõhtu\nšokolaad 👍");
  });
  it("never lets a control character or bidi override through (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => {
        const out = cleanText(s);
        expect(out).not.toMatch(FORBIDDEN);
        expect(cleanLine(s)).not.toMatch(/[\n\t]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("safeUrl", () => {
  it("allows only http and https", () => {
    expect(safeUrl("https://www.google.com/maps/x")).toBe("https://www.google.com/maps/x");
    expect(safeUrl("javascript:alert(1)")).toBeNull();
    expect(safeUrl("data:text/html,<script>")).toBeNull();
    expect(safeUrl("file:///etc/passwd")).toBeNull();
    expect(safeUrl("not a url")).toBeNull();
  });
});

describe("truncate", () => {
  it("cuts by code point and marks the cut", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("👍👍👍", 2)).toBe("👍…");
    expect(truncate("short", 10)).toBe("short");
  });
});

describe("redact", () => {
  it("scrubs registered secrets, query-string keys and bearer tokens", () => {
    registerSecret("s3cr3t-value-xyz");
    expect(redact("failed with s3cr3t-value-xyz in it")).toBe("failed with *** in it");
    expect(redact("GET https://x/y?key=AIzaAAAA&language=en")).toBe("GET https://x/y?key=***&language=en");
    expect(redact("https://graph/v23.0/1/ratings?limit=25&access_token=EAAB123")).toContain(
      "access_token=***",
    );
    expect(redact("Authorization: Bearer abc.def")).toBe("Authorization: Bearer ***");
  });
});
