// Text encoded as UTF-8 into buffers and handed on in chunks, for the exports' worker threads
// (csv-worker.ts, csv-reader.ts). A buffer goes to the main thread with its chunk (transferred, not
// copied) and comes back once written, so a few are used over and over.

export class Utf8Chunks {
  private readonly free: Buffer[] = [];
  private buffer: Buffer;
  private used = 0;

  /**
   * Chunks of at least `chunk` bytes (but the last) in buffers of `size` bytes, which must hold a
   * chunk and the text added after it reached nearly that (a UTF-16 code unit: at most 3 bytes).
   */
  constructor(
    private readonly chunk: number,
    private readonly size: number,
    private readonly hand: (bytes: Uint8Array) => void,
  ) {
    this.buffer = this.fresh();
  }

  private fresh(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }

  add(text: string): void {
    const room = text.length * 3;
    if (this.used + room > this.buffer.length) this.send();
    if (room > this.buffer.length) this.buffer = Buffer.allocUnsafeSlow(room); // very long texts
    this.used += this.buffer.write(text, this.used, "utf8");
    if (this.used >= this.chunk) this.send();
  }

  /** Hands on what is gathered, if anything. */
  send(): void {
    if (this.used === 0) return;
    const bytes = new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.used);
    this.hand(bytes);
    this.buffer = this.fresh();
    this.used = 0;
  }

  /** A buffer back from the main thread, to be filled again (one smaller than `size` is dropped). */
  recycle(buffer: ArrayBuffer): void {
    if (buffer.byteLength >= this.size) this.free.push(Buffer.from(buffer));
  }
}
