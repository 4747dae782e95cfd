import { type ChildProcess, fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Rendered, RenderRequest } from './raster.js';

const entry = new URL(`./render-process${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

interface Pending {
  resolve: (rendered: Rendered) => void;
  reject: (err: Error) => void;
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

  render(request: RenderRequest): Promise<Rendered> {
    if (this.#stopped) return Promise.reject(new Error('Bộ dựng vé đã dừng.'));
    const child = this.#child ?? this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // A child that died a moment ago fails the send; the job is retried on a new one.
      child.send({ id, request }, (err) => {
        if (!err) return;
        this.#pending.delete(id);
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
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.disconnect();
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
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
      for (const pending of this.#pending.values()) pending.reject(failure);
      this.#pending.clear();
    });
    this.#child = child;
    return child;
  }
}
