import { pieces } from './pieces.js';

interface Manifest {
  chime: string;
  pieces: Record<string, string>;
}

const STORAGE_KEY = 'tiepsuc.sound';
const GAP_S = 0.06;
const REPEAT_PAUSE_MS = 700;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A call to announce: the phrase spoken, and what the screen shows while it is said. */
export interface Announced {
  phrase: string;
  number: string;
  counterId: number;
  counterNumber: number;
}

/**
 * Speaks calls: a chime, then the phrase joined from recorded clips, said twice. Calls wait
 * their turn, so two never talk over each other. Browsers allow sound only after a gesture:
 * `enable()` is that step, and the choice is remembered for the next start.
 */
export class Announcer {
  /** The call being said now: the screen flashes and captions this one, in step with the voice. */
  current = $state<Announced | null>(null);
  blocked = $state(true);
  spoken = $state(0);
  readonly #base: string;
  readonly #queue: Announced[] = [];
  #busy = false;
  #ctx: AudioContext | null = null;
  #manifest: Manifest | null = null;
  readonly #buffers = new Map<string, Promise<AudioBuffer | null>>();

  constructor(base = '/voice/') {
    this.#base = base;
  }

  get wanted(): boolean {
    return localStorage.getItem(STORAGE_KEY) !== 'off';
  }

  /** Tries to start audio; succeeds without a gesture only where the browser allows autoplay. */
  async enable(): Promise<boolean> {
    localStorage.setItem(STORAGE_KEY, 'on');
    this.#ctx ??= new AudioContext();
    if (this.#ctx.state !== 'running') await Promise.race([this.#ctx.resume(), sleep(300)]);
    this.#manifest ??= await fetch(`${this.#base}manifest.json`).then((r) => r.json() as Promise<Manifest>);
    this.blocked = this.#ctx.state !== 'running';
    return !this.blocked;
  }

  say(call: Announced): void {
    this.#queue.push(call);
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    while (this.#queue.length > 0) {
      const call = this.#queue.shift() as Announced;
      const phrase = call.phrase;
      this.current = call;
      if (this.#ctx?.state === 'running' && this.#manifest) {
        await this.#play([this.#manifest.chime]);
        const files = pieces(phrase, this.#manifest.pieces);
        await this.#play(files);
        await sleep(REPEAT_PAUSE_MS);
        await this.#play(files);
      } else {
        await sleep(4000);
      }
      this.spoken++;
      await sleep(REPEAT_PAUSE_MS);
    }
    this.current = null;
    this.#busy = false;
  }

  #buffer(file: string): Promise<AudioBuffer | null> {
    let b = this.#buffers.get(file);
    if (!b) {
      const ctx = this.#ctx as AudioContext;
      b = fetch(this.#base + file)
        .then((r) => r.arrayBuffer())
        .then((data) => ctx.decodeAudioData(data))
        .catch(() => null);
      this.#buffers.set(file, b);
    }
    return b;
  }

  /** Plays the clips back to back and resolves when the last one ends. */
  async #play(files: string[]): Promise<void> {
    const ctx = this.#ctx as AudioContext;
    const buffers = await Promise.all(files.map((f) => this.#buffer(f)));
    let at = ctx.currentTime + 0.05;
    for (const buffer of buffers) {
      if (!buffer) continue;
      const source = ctx.createBufferSource();
      source.buffer = buffer;
      source.connect(ctx.destination);
      source.start(at);
      at += buffer.duration + GAP_S;
    }
    await sleep((at - ctx.currentTime) * 1000);
  }
}
