import { describe, expect, it } from "vitest";
import { unescapeJsString } from "../../src/adapters/zomato-page/parse.js";
import { scaleRating } from "../../src/adapters/jsonld-page/parse.js";
import { blockedReason, parseCount } from "../../src/extract/page.js";

describe("page helpers", () => {
  it("un-escapes a JS string literal, including \\x and \\' which JSON rejects", () => {
    expect(
      unescapeJsString('{\\"a\\":\\"Gi\\u00f3 M\\xf9a\\", \\"b\\":\\"it\\\'s\\", \\"c\\":\\"\\\\x41\\"}'),
    ).toBe('{"a":"Gió Mùa", "b":"it\'s", "c":"\\x41"}');
  });
  it("reads counts as sites print them", () => {
    expect(parseCount("(1,234 reviews)")).toBe(1234);
    expect(parseCount("10.2K")).toBe(10200);
    expect(parseCount("3,291")).toBe(3291);
    expect(parseCount("1.275 Bewertungen")).toBe(1275);
    expect(parseCount("no number")).toBeNull();
  });
  it("scales ratings to 1–5 in halves", () => {
    expect(scaleRating(8, 10, 0)).toBe(4);
    expect(scaleRating(80, 100, 0)).toBe(4);
    expect(scaleRating(10, 10, 1)).toBe(5);
    expect(scaleRating(4.3, null, null)).toBe(4.5);
    expect(scaleRating(3, 3, 3)).toBeNull();
  });
  it("recognises block and challenge pages", () => {
    expect(blockedReason("<title>Access Denied</title>")).toMatch(/Access Denied/);
    expect(blockedReason('<div id="px-captcha"></div>')).toMatch(/captcha/);
    expect(blockedReason("<h1>Reviews of Phở Ngon</h1>")).toBeNull();
  });
});

import { tripadvisorPageUrl } from "../../src/adapters/tripadvisor-page/index.js";
import { yelpPageUrl } from "../../src/adapters/yelp-page/index.js";

describe("page addresses", () => {
  it("Tripadvisor inserts -or{10·N}- after -Reviews, from any starting page", () => {
    const u =
      "https://www.tripadvisor.com/Restaurant_Review-g293924-d8765432-Reviews-Gio_Mua_Kitchen-Hanoi.html";
    expect(tripadvisorPageUrl(u, 0)).toBe(u);
    expect(tripadvisorPageUrl(u, 2)).toBe(
      "https://www.tripadvisor.com/Restaurant_Review-g293924-d8765432-Reviews-or20-Gio_Mua_Kitchen-Hanoi.html",
    );
    expect(tripadvisorPageUrl(tripadvisorPageUrl(u, 3), 1)).toBe(tripadvisorPageUrl(u, 1));
  });
  it("Yelp sorts newest first and steps by 10", () => {
    expect(yelpPageUrl("https://www.yelp.com/biz/x", 0)).toBe("https://www.yelp.com/biz/x?sort_by=date_desc");
    expect(yelpPageUrl("https://www.yelp.com/biz/x?start=30", 2)).toBe(
      "https://www.yelp.com/biz/x?start=20&sort_by=date_desc",
    );
  });
});
