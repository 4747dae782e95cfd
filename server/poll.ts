/**
 * Runs `round` over and over, the next one `intervalMs` after the last has ended, so a slow
 * round never overlaps the next. A round that fails is logged and the polling goes on: a
 * watcher that stops watching is worse than one that missed a beat.
 */
export class Poll {
  readonly #o: { intervalMs: number; round: () => Promise<void>; logError: (err: unknown) => void };
  #timer: NodeJS.Timeout | null = null;
  #stopped = true;
  /** Which start a scheduled round belongs to: a round still running from before a restart ends there. */
  #run = 0;

  constructor(options: { intervalMs: number; round: () => Promise<void>; logError: (err: unknown) => void }) {
    this.#o = options;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** The first round at once. */
  start(): void {
    this.#stopped = false;
    this.#run += 1;
    this.#next(0, this.#run);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  #next(delay: number, run: number): void {
    if (this.#stopped || run !== this.#run) return;
    this.#timer = setTimeout(() => {
      this.#o
        .round()
        .catch((err: unknown) => this.#o.logError(err))
        .finally(() => this.#next(this.#o.intervalMs, run));
    }, delay);
  }
}
