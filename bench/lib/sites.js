// Synthetic pages in each site's recorded shape (the same shapes as fixtures/<method>/), for any number
// of sources and pages, and loopback servers that serve them — one server per site host (one per
// business website for JSON-LD), each adding a fixed delay to every response.
import http from "node:http";
import { basics, prng, seedOf } from "./synth.js";

export const REVIEWS_PER_PAGE = 10;

/** Every method, with how many pages it can be served at and what a source needs in the config. */
export const METHODS = [
  { method: "google-places", site: "google", host: "places", pages: 1, perPage: 5 },
  { method: "google-business", site: "google", host: "gbp", pages: 3 },
  { method: "yelp-fusion", site: "yelp", host: "yelp-api", pages: 1, perPage: 3 },
  { method: "yelp-page", site: "yelp", host: "yelp-web", pages: 3 },
  { method: "facebook-graph", site: "facebook", host: "facebook", pages: 3 },
  { method: "tripadvisor-api", site: "tripadvisor", host: "ta-api", pages: 1, perPage: 5 },
  { method: "tripadvisor-page", site: "tripadvisor", host: "ta-web", pages: 3 },
  // The restaurant page, then three review pages.
  { method: "zomato-page", site: "zomato", host: "zomato", pages: 3, extraRequests: 1 },
  { method: "jsonld-page", site: "jsonld", host: null, pages: 1 },
];

/** Why a method is served at fewer than 3 pages. */
export const SINGLE_PAGE_WHY = {
  "google-places": "Places API (New) returns one response with at most 5 reviews",
  "yelp-fusion": "Fusion returns one response with at most 3 excerpts",
  "tripadvisor-api": "the Content API adapter asks once for the 5 most recent",
  "jsonld-page": "a JSON-LD page is one page (the adapter never pages)",
};

const esc = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September"];
const MONTHS_ALL = [...MONTHS, "October", "November", "December"];
const longDate = (ms) => {
  const d = new Date(ms);
  return `${MONTHS_ALL[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
};
const shortDate = (ms) => {
  const d = new Date(ms);
  return `${MONTHS_ALL[d.getUTCMonth()].slice(0, 3)} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
};
const jsonInHtml = (v) => JSON.stringify(v).replace(/<\//g, "<\\/");

/** Reviews of one source's page (newest first across pages): stable for a given source and page. */
export function pageReviews(sourceKey, page, perPage = REVIEWS_PER_PAGE, anchorMs = Date.UTC(2026, 10, 27)) {
  const out = [];
  for (let m = 0; m < perPage; m++) {
    const j = page * perPage + m;
    const rnd = prng(seedOf("check", sourceKey, j));
    out.push({
      ...basics(rnd),
      j,
      publishedMs: anchorMs - j * 2 * 86400_000 - Math.floor(rnd() * 86400_000),
    });
  }
  return out;
}

// ---- page bodies, one function per method: (source, page) → { type, body } --------------------------

function yelpPage(src, page, pages) {
  const items = pageReviews(src.key, page)
    .map(
      (r) => `
 <li class="margin-b5__09f24__pTvws" data-review-id="${src.key}-${r.id}">
  <div class="user-passport__09f24__x"><a href="/user_details?userid=${r.id.slice(0, 6)}"><img alt="Photo of ${esc(r.name)}" src="https://s3-media0.fl.yelpcdn.com/photo/${r.id}/60s.jpg"></a><a class="css-19v1rkv" href="/user_details?userid=${r.id.slice(0, 6)}">${esc(r.name)}</a><span class="css-qgunke">Hà Nội, Vietnam</span></div>
  <div class="css-14g69b3"><div aria-label="${r.rating} star rating" role="img" class="five-stars__09f24__mBKym"></div></div>
  <div class="css-10n911v"><span class="css-chan6m">${shortDate(r.publishedMs)}</span></div>
  <p class="comment__09f24__D0cxf"><span class="raw__09f24__T4Ezm" lang="${r.lang}">${esc(r.text)}</span></p>
  <div class="css-1lr1m88"><button type="button" class="css-1sgloex"><span>Helpful 0</span></button><button type="button"><span>Thanks 0</span></button></div>${
    r.reply
      ? `
  <div class="biz-owner-reply__09f24__xYz12"><p>Comment from Linh N. of Bench Kitchen</p><span class="css-1e4fdj9">${shortDate(r.publishedMs + 86400_000)}</span>
    <p><span class="raw__09f24__T4Ezm" lang="${r.lang}">${esc(r.reply)}</span></p></div>`
      : ""
  }
 </li>`,
    )
    .join("");
  const next =
    page + 1 < pages
      ? `<a aria-label="Next" href="/biz/${src.key}?start=${(page + 1) * 10}">Next</a>`
      : `<span aria-label="Page ${page + 1} of ${pages}">${page + 1}</span>`;
  return {
    type: "text/html; charset=utf-8",
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="yelp-biz-id" content="${src.key}"><title>${esc(src.name)} - Hà Nội - Yelp</title>
<link rel="stylesheet" href="https://s3-media0.fl.yelpcdn.com/assets/public/biz_details.css"></head>
<body><div class="header__09f24__x1"><h1>${esc(src.name)}</h1><span class="css-1fdy0l5">4.5</span> <a href="#reviews">(${pages * 10} reviews)</a></div>
<section aria-label="Recommended Reviews"><ul class="list__09f24__ynIEd">${items}
</ul>
<div class="pagination__09f24__VRjN4">${next}</div></section>
</body></html>`,
  };
}

function tripadvisorPage(src, page, pages) {
  const cards = pageReviews(src.key, page)
    .map(
      (r) => `
<div class="review-container" data-reviewid="${src.num * 1000 + r.j}">
  <div class="memberOverlayLink"><div class="avatar"><img src="https://media-cdn.tripadvisor.com/media/photo-l/${r.id}.jpg" alt=""></div><a href="/Profile/${r.id.slice(0, 8)}">${esc(r.name)}</a></div>
  <span class="ui_bubble_rating bubble_${r.rating}0"></span>
  <span class="ratingDate" title="${longDate(r.publishedMs)}">Reviewed ${longDate(r.publishedMs)}</span>
  <a href="/ShowUserReviews-g293924-d${src.num}-r${src.num * 1000 + r.j}-Bench-Hanoi.html"><span class="noQuotes">${esc(r.title)}</span></a>
  <p class="partial_entry">${esc(r.text)}</p>${
    r.reply
      ? `
  <div class="mgrRspnInline"><div class="header">Linh N., Owner at Bench Kitchen, responded to this review</div>
    <span class="responseDate" title="${longDate(r.publishedMs + 86400_000)}">Responded ${longDate(r.publishedMs + 86400_000)}</span>
    <p class="partial_entry">${esc(r.reply)}</p></div>`
      : ""
  }
</div>`,
    )
    .join("");
  const next =
    page + 1 < pages
      ? `<a class="nav next ui_button primary" href="${taPath(src, page + 1)}">Next</a>`
      : `<span class="nav next ui_button disabled">Next</span>`;
  return {
    type: "text/html; charset=utf-8",
    body: `<!DOCTYPE html><html><head><title>${esc(src.name.toUpperCase())}, Hanoi - Restaurant Reviews - Tripadvisor</title>
<script type="application/ld+json">${jsonInHtml({ "@context": "http://schema.org", "@type": "FoodEstablishment", name: src.name, aggregateRating: { "@type": "AggregateRating", ratingValue: "4.5", reviewCount: String(pages * 10) } })}</script></head>
<body><h1>${esc(src.name)}</h1><a class="reviewCount" href="#REVIEWS">${pages * 10} reviews</a>${cards}
${next}
</body></html>`,
  };
}

export const taPath = (src, page) =>
  `/Restaurant_Review-g293924-d${src.num}-Reviews-${page ? `or${page * 10}-` : ""}${src.key.replace(/-/g, "_")}-Hanoi.html`;

function zomatoRestaurant(src, pages) {
  const state = {
    pages: {
      current: { resId: src.num, pageType: "restaurant" },
      restaurant: {
        [src.num]: {
          sections: {
            SECTION_BASIC_INFO: {
              name: `${src.name} — Hoàn Kiếm`,
              rating: { aggregate_rating: "4.1", votes: String(pages * 10) },
            },
          },
        },
      },
    },
  };
  // A JS string literal holding JSON, as the site writes it.
  const literal = JSON.stringify(JSON.stringify(state));
  return {
    type: "text/html; charset=utf-8",
    body: `<!DOCTYPE html><html lang="en"><head><title>${esc(src.name)} Reviews | Zomato</title></head><body><div id="root"></div>
<script>window.__PRELOADED_STATE__ = JSON.parse(${literal});</script></body></html>`,
  };
}

function zomatoLoadMore(src, page, pages) {
  const REVIEWS = {};
  const RATING = {};
  for (const r of pageReviews(src.key, page - 1)) {
    const id = src.num * 1000 + r.j;
    REVIEWS[id] = {
      reviewId: id,
      userName: r.name,
      userProfileUrl: `https://www.zomato.com/users/u${id}`,
      timestamp: shortDate(r.publishedMs),
      reviewText: r.text,
      experience: "dining",
      rating: { entities: [{ entity_type: "RATING", entity_ids: [id] }] },
    };
    RATING[id] = { rating: r.rating };
  }
  return json({
    entities: { REVIEWS, RATING },
    page_data: { sections: { SECTION_REVIEWS: { numberOfPages: pages } } },
  });
}

function jsonldPage(src) {
  const reviews = pageReviews(src.key, 0).map((r) => ({
    "@type": "Review",
    "@id": `${src.origin}/reviews#${r.id}`,
    author: { "@type": "Person", name: r.name },
    datePublished: new Date(r.publishedMs).toISOString().slice(0, 10),
    reviewBody: r.text,
    inLanguage: r.lang,
    name: r.title,
    reviewRating: { "@type": "Rating", ratingValue: r.rating, bestRating: 5, worstRating: 1 },
  }));
  return {
    type: "text/html; charset=utf-8",
    body: `<!doctype html><html><head><meta charset="utf-8"><title>${esc(src.name)} — reviews</title>
<script type="application/ld+json">${jsonInHtml({ "@context": "https://schema.org", "@type": "Restaurant", name: src.name, aggregateRating: { "@type": "AggregateRating", ratingValue: "4.5", reviewCount: String(reviews.length) }, review: reviews })}</script>
</head><body><h1>${esc(src.name)}</h1><main>${reviews.map((r) => `<article><h3>${esc(r.name)}</h3><p>${esc(r.reviewBody)}</p></article>`).join("\n")}</main></body></html>`,
  };
}

const json = (v) => ({ type: "application/json; charset=utf-8", body: JSON.stringify(v) });
const STARS = ["ONE", "TWO", "THREE", "FOUR", "FIVE"];

function gbp(src, page, pages) {
  return json({
    reviews: pageReviews(src.key, page).map((r) => ({
      name: `accounts/1/locations/${src.num}/reviews/${r.id}`,
      reviewId: r.id,
      reviewer: {
        displayName: r.name,
        profilePhotoUrl: "https://lh3.googleusercontent.com/a/x",
        isAnonymous: false,
      },
      starRating: STARS[r.rating - 1],
      comment: r.text,
      createTime: new Date(r.publishedMs).toISOString(),
      updateTime: new Date(r.publishedMs).toISOString(),
      ...(r.reply
        ? { reviewReply: { comment: r.reply, updateTime: new Date(r.publishedMs + 86400_000).toISOString() } }
        : {}),
    })),
    averageRating: 4.4,
    totalReviewCount: pages * 10,
    ...(page + 1 < pages ? { nextPageToken: `tok-${src.num}-${page + 1}` } : {}),
  });
}

function facebook(src, page, pages, origin) {
  return json({
    data: pageReviews(src.key, page).map((r) => ({
      created_time: `${new Date(r.publishedMs).toISOString().slice(0, 19)}+0000`,
      has_rating: true,
      has_review: true,
      recommendation_type: r.rating >= 3 ? "positive" : "negative",
      review_text: r.text,
      reviewer: { name: r.name, id: String(5550000 + r.j) },
      open_graph_story: { id: `${src.num}_${r.j}` },
    })),
    paging: {
      cursors: { before: "QkVGT1JF", after: `p${page + 1}` },
      ...(page + 1 < pages
        ? { next: `${origin}/v23.0/${src.num}/ratings?limit=25&access_token=bench-token&after=p${page + 1}` }
        : {}),
    },
  });
}

function places(src) {
  return json({
    id: `ChIJbench${src.num}`,
    displayName: { text: src.name, languageCode: "vi" },
    rating: 4.3,
    userRatingCount: 1234,
    reviews: pageReviews(src.key, 0, 5).map((r) => ({
      name: `places/ChIJbench${src.num}/reviews/${r.id}`,
      relativePublishTimeDescription: "a week ago",
      rating: r.rating,
      text: { text: r.text, languageCode: r.lang },
      originalText: { text: r.text, languageCode: r.lang },
      authorAttribution: { displayName: r.name, uri: `https://www.google.com/maps/contrib/${r.id}/reviews` },
      publishTime: new Date(r.publishedMs).toISOString(),
    })),
  });
}

function fusion(src) {
  return json({
    reviews: pageReviews(src.key, 0, 3).map((r) => ({
      id: r.id,
      url: `https://www.yelp.com/biz/${src.key}?hrid=${r.id}`,
      text: r.text.slice(0, 160),
      rating: r.rating,
      time_created: new Date(r.publishedMs).toISOString().slice(0, 19).replace("T", " "),
      user: { id: r.id.slice(0, 5), profile_url: null, image_url: null, name: r.name },
    })),
    total: 2405,
  });
}

function taApi(src) {
  return json({
    data: pageReviews(src.key, 0, 5).map((r) => ({
      id: src.num * 1000 + r.j,
      lang: r.lang,
      location_id: src.num,
      published_date: new Date(r.publishedMs).toISOString(),
      rating: r.rating,
      url: `https://www.tripadvisor.com/ShowUserReviews-g293924-d${src.num}-r${src.num * 1000 + r.j}.html`,
      text: r.text,
      title: r.title,
      is_machine_translated: false,
      user: { username: r.name.replace(/\s/g, "") },
    })),
  });
}

/** The body for one request, or null (404). */
export function respond(src, url, origin) {
  const q = url.searchParams;
  const pages = METHODS.find((m) => m.method === src.method).pages;
  switch (src.method) {
    case "google-places":
      return places(src);
    case "google-business": {
      const tok = q.get("pageToken");
      return gbp(src, tok ? Number(tok.split("-").pop()) : 0, pages);
    }
    case "yelp-fusion":
      return fusion(src);
    case "yelp-page":
      return yelpPage(src, Number(q.get("start") ?? 0) / 10, pages);
    case "facebook-graph": {
      const after = q.get("after");
      return facebook(src, after ? Number(after.slice(1)) : 0, pages, origin);
    }
    case "tripadvisor-api":
      return taApi(src);
    case "tripadvisor-page": {
      const m = /-Reviews-or(\d+)-/.exec(url.pathname);
      return tripadvisorPage(src, m ? Number(m[1]) / 10 : 0, pages);
    }
    case "zomato-page":
      if (url.pathname === "/webroutes/reviews/loadMore")
        return zomatoLoadMore(src, Number(q.get("page")), pages);
      return zomatoRestaurant(src, pages);
    case "jsonld-page":
      return jsonldPage(src);
    default:
      return null;
  }
}

/** The source a request on a site host is for (by the ids in its path or query). */
function sourceFor(host, url, sources) {
  const p = url.pathname;
  const num = (re) => Number(re.exec(p)?.[1]);
  let n;
  if (host === "places") n = num(/ChIJbench(\d+)/);
  else if (host === "gbp") n = num(/locations\/(\d+)\//);
  else if (host === "yelp-api") n = num(/businesses\/bench-(\d+)-/);
  else if (host === "yelp-web") n = num(/\/biz\/bench-(\d+)-/);
  else if (host === "facebook") n = num(/\/v[\d.]+\/(\d+)\//);
  else if (host === "ta-api") n = num(/location\/(\d+)\//);
  else if (host === "ta-web") n = num(/-d(\d+)-Reviews/);
  else if (host === "zomato")
    n = p === "/webroutes/reviews/loadMore" ? Number(url.searchParams.get("res_id")) : num(/bench-(\d+)-/);
  return sources.find((s) => s.num === n && s.host === host) ?? null;
}

/** `count` sources, the methods taken in turn (a config listing several businesses, site by site). */
export function makeSources(count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const m = METHODS[i % METHODS.length];
    const num = 100 + i;
    out.push({
      ...m,
      id: `${m.method.split("-")[0]}-${m.method.split("-")[1]}-${num}`,
      key: `bench-${num}-kitchen`,
      num,
      name: `Bench Kitchen ${num}`,
    });
  }
  return out;
}

/**
 * Start the servers: one per site host, one per JSON-LD source. Every response waits `delayMs`.
 * Returns { sources (with their config entries), requests: Map<sourceId, count>, close() }.
 */
export async function startSites(sources, { delayMs = 100 } = {}) {
  const servers = [];
  const requests = new Map();
  let unknown = 0;
  const listen = (handler) =>
    new Promise((resolve) => {
      const server = http.createServer(handler);
      server.keepAliveTimeout = 10_000;
      server.listen(0, "127.0.0.1", () => {
        servers.push(server);
        resolve(`http://127.0.0.1:${server.address().port}`);
      });
    });
  const serve = (resolveSource) => (req, res) => {
    const origin = `http://${req.headers.host}`;
    const url = new URL(req.url ?? "/", origin);
    const src = resolveSource(url);
    const answer = src ? respond(src, url, origin) : null;
    if (src) requests.set(src.id, (requests.get(src.id) ?? 0) + 1);
    else unknown++;
    setTimeout(() => {
      if (!answer) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      const body = Buffer.from(answer.body);
      res.writeHead(200, { "content-type": answer.type, "content-length": body.length });
      res.end(body);
    }, delayMs);
  };
  const origins = {};
  for (const host of new Set(sources.map((s) => s.host).filter(Boolean))) {
    origins[host] = await listen(serve((url) => sourceFor(host, url, sources)));
  }
  for (const s of sources) {
    s.origin = s.host ? origins[s.host] : await listen(serve(() => s));
    s.config = configEntry(s);
  }
  return {
    sources,
    requests,
    unknownRequests: () => unknown,
    hosts: Object.keys(origins).length + sources.filter((s) => !s.host).length,
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      ),
  };
}

function configEntry(s) {
  const base = { id: s.id, site: s.site, label: s.name };
  switch (s.method) {
    case "google-places":
      return { ...base, placeId: `ChIJbench${s.num}`, baseUrl: s.origin };
    case "google-business":
      return { ...base, location: `accounts/1/locations/${s.num}`, baseUrl: s.origin };
    case "yelp-fusion":
      return { ...base, business: s.key, baseUrl: s.origin };
    case "yelp-page":
      return { ...base, url: `${s.origin}/biz/${s.key}` };
    case "facebook-graph":
      return { ...base, pageId: String(s.num), baseUrl: s.origin };
    case "tripadvisor-api":
      return { ...base, locationId: String(s.num), baseUrl: s.origin };
    case "tripadvisor-page":
      return { ...base, url: `${s.origin}${taPath(s, 0)}` };
    case "zomato-page":
      return { ...base, url: `${s.origin}/hanoi/${s.key}/reviews` };
    case "jsonld-page":
      return { ...base, url: `${s.origin}/reviews` };
    default:
      throw new Error(s.method);
  }
}

export const SECRETS = {
  GOOGLE_PLACES_API_KEY: "bench-places-key",
  GOOGLE_OAUTH_ACCESS_TOKEN: "bench-oauth-token",
  YELP_API_KEY: "bench-yelp-key",
  FACEBOOK_PAGE_TOKEN: "bench-token",
  TRIPADVISOR_API_KEY: "bench-ta-key",
};
