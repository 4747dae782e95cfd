import { type ChildProcess, fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Rendered, RenderRequest } from './raster.js';

const entry = new URL(`./render-process${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

interface Pending {
  resolve: (rendered: Rendered) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Renders tickets in a child process, one request at a time in order. A child that dies
 * fails what it had in hand; the next request starts a new one.
 */
export class Renderer {
  #child: ChildProcess | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #stopped = false;
  /** A ticket renders in milliseconds; a renderer silent this long is wedged and is replaced. */
  readonly #timeoutMs: number;

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  render(request: RenderRequest): Promise<Rendered> {
    if (this.#stopped) return Promise.reject(new Error('Bộ dựng vé đã dừng.'));
    const child = this.#child ?? this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`Bộ dựng vé không trả lời sau ${this.#timeoutMs / 1000} giây; đã khởi động lại.`));
        // Killing it fails whatever else it had in hand; the next request starts a new one.
        child.kill('SIGKILL');
      }, this.#timeoutMs);
      timer.unref();
      this.#pending.set(id, { resolve, reject, timer });
      // A child that died a moment ago fails the send; the job is retried on a new one.
      child.send({ id, request }, (err) => {
        if (!err) return;
        const pending = this.#pending.get(id);
        this.#pending.delete(id);
        if (pending) clearTimeout(pending.timer);
        reject(new Error(`Bộ dựng vé không nhận yêu cầu (${err.message}).`));
      });
    });
  }

  /** The child's pid while one runs. */
  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const child = this.#child;
    this.#child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(kill);
        // Its process handle is released in the loop's close phase, after 'exit': a timer runs
        // after that phase, so when stop() resolves nothing of the child is left.
        setTimeout(resolve, 0);
      });
      child.disconnect();
    });
  }

  #start(): ChildProcess {
    const execArgv = ['--expose-gc', '--max-old-space-size=64'];
    // Under the test runner the sources are TypeScript; tsx compiles them in the child too.
    if (entry.pathname.endsWith('.ts')) execArgv.unshift('--import', 'tsx');
    const child = fork(fileURLToPath(entry), [], {
      execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: { id: number; result?: Rendered; error?: string }) => {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.result) pending.resolve(message.result);
      else pending.reject(new Error(`Không dựng được vé: ${message.error}`));
    });
    // Tickets must be acknowledged before they are drawn: when the CPU is short, the queue wins.
    if (child.pid) setPriority(child.pid, 10);
    // Errors of the channel reach the sender's callback; without a listener they would crash us.
    child.on('error', () => {});
    child.once('exit', (code, signal) => {
      if (this.#child === child) this.#child = null;
      const failure = new Error(`Bộ dựng vé dừng bất ngờ (${signal ?? `mã ${code}`}).`);
      for (const pending of this.#pending.values()) {
        clearTimeout(pending.timer);
        pending.reject(failure);
      }
      this.#pending.clear();
    });
    this.#child = child;
    return child;
  }
}
