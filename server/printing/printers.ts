import type { PrinterConfig } from '../config.js';
import type { PrinterView } from './types.js';

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
