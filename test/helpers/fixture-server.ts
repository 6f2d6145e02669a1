// A real HTTP server on 127.0.0.1 serving fixture files, with the faults a cron job meets.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { AddressInfo, Socket } from "node:net";

export type Fault =
  | "none"
  | "hang-headers" // accept, never answer
  | "stall-body" // send headers and part of the body, then nothing
  | "reset" // destroy the socket
  | "gzip-bomb"; // a small gzip body that inflates far past any cap

export interface Route {
  method?: string;
  path: string;
  /** Query parameters that must match exactly. */
  query?: Record<string, string>;
  status?: number;
  headers?: Record<string, string>;
  /** File under the fixtures folder, or a literal body. */
  file?: string;
  body?: string | object;
  gzip?: boolean;
  fault?: Fault;
  /** Serve this route only this many times; later requests fall through to the next match. */
  times?: number;
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FixtureServer {
  origin: string;
  requests: RecordedRequest[];
  routes: Route[];
  close(): Promise<void>;
}

let bombCache: Buffer | undefined;
/** 64 MB of spaces, gzipped (~64 KB): made once, so a slow machine does not delay the response. */
function gzipBomb(): Buffer {
  return (bombCache ??= zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)));
}

export async function startFixtureServer(
  routes: Route[],
  fixturesDir = path.resolve("fixtures"),
): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const served = new Map<Route, number>();
  const sockets = new Set<Socket>();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let body = "";
    for await (const chunk of req) body += chunk;
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method: req.method ?? "GET", path: url.pathname, query, headers: req.headers, body });
    const route = routes.find(
      (r) =>
        (r.method ?? "GET") === req.method &&
        r.path === url.pathname &&
        Object.entries(r.query ?? {}).every(([k, v]) => url.searchParams.get(k) === v) &&
        (r.times == null || (served.get(r) ?? 0) < r.times),
    );
    if (!route) {
      res
        .writeHead(404, { "content-type": "text/plain" })
        .end(`no fixture route for ${req.method} ${url.pathname}${url.search}`);
      return;
    }
    served.set(route, (served.get(route) ?? 0) + 1);
    if (route.delayMs) await new Promise((r) => setTimeout(r, route.delayMs));
    const fault = route.fault ?? "none";
    if (fault === "hang-headers") return; // the client's headers timeout must fire
    if (fault === "reset") {
      req.socket.destroy();
      return;
    }
    if (fault === "gzip-bomb") {
      const bomb = gzipBomb();
      res.writeHead(route.status ?? 200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": bomb.length,
      });
      res.end(bomb);
      return;
    }
    let payload: Buffer;
    if (route.file) payload = fs.readFileSync(path.join(fixturesDir, route.file));
    else if (typeof route.body === "string") payload = Buffer.from(route.body);
    else if (route.body !== undefined) payload = Buffer.from(JSON.stringify(route.body));
    else payload = Buffer.alloc(0);
    const headers: Record<string, string | number> = {
      "content-type": route.file?.endsWith(".html")
        ? "text/html; charset=utf-8"
        : "application/json; charset=utf-8",
      ...route.headers,
    };
    if (route.gzip) {
      payload = zlib.gzipSync(payload);
      headers["content-encoding"] = "gzip";
    }
    if (fault === "stall-body") {
      headers["content-length"] = payload.length + 1000;
      res.writeHead(route.status ?? 200, headers);
      res.write(payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))));
      return; // never finishes: the client's body timeout must fire
    }
    headers["content-length"] = payload.length;
    res.writeHead(route.status ?? 200, headers);
    res.end(payload);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
