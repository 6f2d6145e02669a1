import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock } from "../../src/store/lock.js";
import { LockedError } from "../../src/errors.js";
import { tempDir } from "../helpers/cli.js";

describe("run lock", () => {
  it("lets one run in, tells the second who holds it since when, and frees on release", async () => {
    const db = path.join(tempDir(), "sub", "r.db");
    const first = await acquireLock(db, "check", 0, () => new Date("2026-11-22T07:00:00.000Z"));
    const err = await acquireLock(db, "check").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockedError);
    expect((err as Error).message).toBe(
      `another "reviews check" is running on this database (pid ${process.pid} on ${os.hostname()} since 2026-11-22T07:00:00.000Z): wait for it to finish, or pass --wait`,
    );
    first.release();
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
    (await acquireLock(db, "check")).release();
  });

  it("takes over a lock left by a killed run", async () => {
    const db = path.join(tempDir(), "r.db");
    // A pid far above any real one on this machine: the run that wrote it is gone.
    fs.writeFileSync(
      `${db}.lock`,
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: os.hostname(),
        startedAt: "2026-11-01T00:00:00Z",
        command: "check",
      }),
    );
    const lock = await acquireLock(db, "check");
    expect(JSON.parse(fs.readFileSync(`${db}.lock`, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("--wait waits for the other run to finish", async () => {
    const db = path.join(tempDir(), "r.db");
    const first = await acquireLock(db, "check");
    setTimeout(() => first.release(), 300);
    const second = await acquireLock(db, "check", 5000);
    expect(JSON.parse(fs.readFileSync(`${db}.lock`, "utf8")).pid).toBe(process.pid);
    second.release();
  });
});
