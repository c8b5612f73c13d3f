/**
 * A job the server repeats every so often and also runs on demand (signing checkpoints,
 * publishing communiqués): one round at a time, each after the previous one, stopped with the
 * server. A failed timed round goes to `onError`; an asked-for one fails its caller.
 */
export class RoundsInTurn {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Runs `round` every `intervalMs` (the timer does not keep the process alive). */
  every(intervalMs: number, round: () => Promise<unknown>): void {
    this.timer = setInterval(() => void this.now(round).catch(this.onError), intervalMs);
    this.timer.unref();
  }

  /** Runs `round` after any round in progress. */
  now<T>(round: () => Promise<T>): Promise<T> {
    const next = this.running.then(round);
    this.running = next.catch(() => {});
    return next;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
