import type { PrinterConfig } from '../config.js';

export type PrinterState = 'ready' | 'printing' | 'error' | 'offline' | 'unknown';
export type PaperState = 'ok' | 'near_end' | 'out' | 'unknown';

export interface PrinterView {
  id: string;
  transport: PrinterConfig['transport'];
  state: PrinterState;
  paper: PaperState;
  lastError: string | null;
}

/** The configured printers and what is known of each; nothing is known until a monitor reports. */
export class Printers {
  readonly #views: Map<string, PrinterView>;

  constructor(configs: readonly PrinterConfig[]) {
    this.#views = new Map(
      configs.map((c) => [
        c.id,
        { id: c.id, transport: c.transport, state: 'unknown', paper: 'unknown', lastError: null },
      ]),
    );
  }

  list(): PrinterView[] {
    return [...this.#views.values()].map((v) => ({ ...v }));
  }
}
