import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The child module `name` beside the module at `from` (its `import.meta.url`): TypeScript
 * under the test runner, the compiled JavaScript in the build.
 */
export const childEntry = (name: string, from: string): URL =>
  new URL(`./${name}${from.endsWith('.ts') ? '.ts' : '.js'}`, from);

export interface ChildWorkerOptions {
  /** The module the child runs; it answers with `serveRequests`. */
  entry: URL;
  /** What the worker is called in messages a technician reads: "Bộ dựng vé". */
  name: string;
  /** A child silent this long on one request is wedged: it is killed and the request fails. */
  timeoutMs: number;
  /** The child's heap limit. */
  maxOldSpaceMb: number;
  /** Ends the child after this long without a request; 0 keeps it. */
  idleExitMs: number;
}

interface Pending<Res> {
  resolve: (result: Res) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Work the queue server must not do itself (drawing tickets, building documents) in a child
 * process at a lower CPU priority: its memory is its own, a native crash or a leak costs a
 * restart of the child, and when the CPU is short the queue wins. Requests are answered in
 * order; a child that dies fails what it had in hand, and the next request starts a new one.
 */
export class ChildWorker<Req, Res> {
  readonly #o: ChildWorkerOptions;
  #child: ChildProcess | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending<Res>>();
  #stopped = false;
  #idle: NodeJS.Timeout | null = null;

  constructor(options: ChildWorkerOptions) {
    this.#o = options;
  }

  request(request: Req): Promise<Res> {
    if (this.#stopped) return Promise.reject(new Error(`${this.#o.name} đã dừng.`));
    if (this.#idle) clearTimeout(this.#idle);
    const child = this.#child ?? this.#start();
    const id = this.#nextId++;
    return new Promise<Res>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(
          new Error(`${this.#o.name} không trả lời sau ${this.#o.timeoutMs / 1000} giây; đã khởi động lại.`),
        );
        // Killing it fails whatever else it had in hand; the next request starts a new one.
        child.kill('SIGKILL');
      }, this.#o.timeoutMs);
      timer.unref();
      this.#pending.set(id, { resolve, reject, timer });
      // A child that died a moment ago fails the send; the caller may try again on a new one.
      child.send({ id, request }, (err) => {
        if (!err) return;
        this.#settle(id)?.reject(new Error(`${this.#o.name} không nhận yêu cầu (${err.message}).`));
      });
    });
  }

  /** The child's pid while one runs. */
  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#idle) clearTimeout(this.#idle);
    await this.#end();
  }

  async #end(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(kill);
        // Its process handle is released in the loop's close phase, after 'exit': a timer runs
        // after that phase, so when this resolves nothing of the child is left.
        setTimeout(resolve, 0);
      });
      child.disconnect();
    });
  }

  #settle(id: number): Pending<Res> | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (pending) clearTimeout(pending.timer);
    if (this.#pending.size === 0 && this.#o.idleExitMs > 0 && !this.#stopped) {
      this.#idle = setTimeout(() => void this.#end(), this.#o.idleExitMs);
      this.#idle.unref();
    }
    return pending;
  }

  #start(): ChildProcess {
    // One thread collects: V8's parallel collector ran helper threads on both cores of a
    // two-core box at once, and the queue server waited up to 5 ms for a core, nice or not.
    const execArgv = ['--expose-gc', '--single-threaded-gc', `--max-old-space-size=${this.#o.maxOldSpaceMb}`];
    // Under the test runner the sources are TypeScript; tsx compiles them in the child too.
    if (this.#o.entry.pathname.endsWith('.ts')) execArgv.unshift('--import', 'tsx');
    // Work for the queue first, in every thread the child starts: niced, so when the CPU is
    // short the queue has the larger share, and of the batch class, which the kernel does not
    // run ahead of the running task when it wakes. Niced alone, the child was run at once when
    // a ticket was sent to it, and the queue server stood 1–4 ms in the middle of that send, on
    // one print in two, while kiosks waited (bench, two cores). Not the idle class: it removed
    // that too, but starves the child outright on a busy machine, and tickets must still print.
    const command = [process.execPath, ...execArgv, fileURLToPath(this.#o.entry)];
    const child = spawn('nice', ['-n', '10', 'chrt', '--batch', '0', ...command], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: { id: number; result?: Res; error?: string }) => {
      const pending = this.#settle(message.id);
      if (!pending) return;
      if (message.error === undefined) pending.resolve(message.result as Res);
      else pending.reject(new Error(`${this.#o.name}: ${message.error}`));
    });
    // Errors of the channel reach the sender's callback; without a listener they would crash us.
    child.on('error', () => {});
    child.once('exit', (code, signal) => {
      if (this.#child === child) this.#child = null;
      const failure = new Error(`${this.#o.name} dừng bất ngờ (${signal ?? `mã ${code}`}).`);
      for (const id of [...this.#pending.keys()]) this.#settle(id)?.reject(failure);
    });
    this.#child = child;
    return child;
  }
}

/** A child this long without a request is idle: its garbage is collected then. */
const IDLE_COLLECT_MS = 1000;

/** The child's side: answers each request with `handle`, in order, and exits with its parent. */
export function serveRequests<Req, Res>(handle: (request: Req) => Res | Promise<Res>): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  let turn: Promise<unknown> = Promise.resolve();
  let idle: NodeJS.Timeout | undefined;
  let inHand = 0;
  process.on('message', (message: { id: number; request: Req }) => {
    // A request in hand is not idle: a collection now would land between its steps.
    clearTimeout(idle);
    inHand++;
    turn = turn.then(async () => {
      let reply: object;
      try {
        reply = { id: message.id, result: await handle(message.request) };
      } catch (err) {
        reply = { id: message.id, error: err instanceof Error ? err.message : String(err) };
      }
      process.send?.(reply);
      inHand--;
      // Native buffers are freed by finalizers V8 runs lazily; collect once idle so memory
      // stays flat. Not after every request: a full collection each time cost three times the
      // rendering itself, on the cores the queue needs while a printer works through a line.
      if (collect && inHand === 0) idle = setTimeout(collect, IDLE_COLLECT_MS).unref();
    });
  });
  process.on('disconnect', () => process.exit(0));
}
