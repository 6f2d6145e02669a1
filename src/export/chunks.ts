// Output in chunks of about 256 KB instead of a write (and a stream round trip) per row.
import { once } from "node:events";
import type { Writable } from "node:stream";

/**
 * Text gathered into chunks of about `size` characters, each written in one go (a writev of its
 * parts: no string of the whole chunk is ever made). A chunk is written once the previous one has
 * drained, so the next one is built while the last is on its way and at most two are held at a
 * time, however long the output.
 */
export class ChunkedWriter {
  private parts: string[] = [];
  private length = 0;

  constructor(
    private readonly out: Writable,
    private readonly size = 256 * 1024,
  ) {}

  /** Queue text; true when a chunk is full (then `await flush()`). */
  add(text: string): boolean {
    this.parts.push(text);
    this.length += text.length;
    return this.length >= this.size;
  }

  /** Write what is queued, first waiting for the previous chunk to drain. */
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const parts = this.parts;
    this.parts = [];
    this.length = 0;
    if (this.out.writableNeedDrain) await once(this.out, "drain");
    this.out.cork();
    for (const part of parts) if (part) this.out.write(part);
    this.out.uncork();
  }
}
