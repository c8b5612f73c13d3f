/**
 * Rendered answers kept while what they were made from is unchanged. Each entry remembers the
 * stamp of its inputs; a reader computes the stamp from what it has just read and gets the
 * answer only when both agree, so nothing is served stale. Bounded in bytes (keys include the
 * request's host, which a client chooses), least recently used first out.
 */
export class RenderCache<V extends Buffer | readonly Buffer[]> {
  private readonly entries = new Map<string, { stamp: string; value: V; bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string, stamp: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit || hit.stamp !== stamp) return undefined;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, stamp: string, value: V): void {
    this.drop(key);
    const bytes = key.length + stamp.length + (Buffer.isBuffer(value) ? value.length : (value as readonly Buffer[]).reduce((n, b) => n + b.length, 0));
    if (bytes > this.maxBytes) return;
    while (this.bytes + bytes > this.maxBytes) this.drop(this.entries.keys().next().value!);
    this.entries.set(key, { stamp, value, bytes });
    this.bytes += bytes;
  }

  private drop(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.bytes;
  }
}
