// A tiny loopback server for the demo: serves recorded-shape responses from fixtures/demo by "day".
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";

export interface DemoRoute {
  /** Request path (query ignored unless `query` is given). */
  path: string;
  /** Required query parameters, e.g. {"start": "10"}. */
  query?: Record<string, string>;
  /** Header that must be present with this value (an API key), else 401/403 with `unauthorized`. */
  header?: { name: string; value: string };
  /** One file per day (relative to the demo folder); null → 404 that day. The last one repeats. */
  days: (string | null)[];
  contentType?: string;
}

export interface DemoServer {
  origin: string;
  setDay(day: number): void;
  close(): Promise<void>;
}

export async function startDemoServer(folder: string, routes: DemoRoute[]): Promise<DemoServer> {
  let day = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = routes.find(
      (r) =>
        r.path === url.pathname &&
        Object.entries(r.query ?? {}).every(([k, v]) => url.searchParams.get(k) === v),
    );
    if (!route) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: 404, message: "not found", status: "NOT_FOUND" } }));
      return;
    }
    if (route.header && req.headers[route.header.name.toLowerCase()] !== route.header.value) {
      res.writeHead(403, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: { code: 403, message: "The caller does not have permission", status: "PERMISSION_DENIED" },
        }),
      );
      return;
    }
    const file = route.days[Math.min(day, route.days.length - 1)];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const body = fs.readFileSync(path.join(folder, file));
    res.writeHead(200, {
      "content-type": route.contentType ?? "application/json; charset=utf-8",
      "content-length": body.length,
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setDay: (d) => {
      day = d;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
