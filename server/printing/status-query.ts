import { STATUS_ROUND, statusQuery } from '../../drivers/escpos/commands.js';
import { type PrinterStatus, StatusParser } from '../../drivers/escpos/status.js';
import type { Transport } from '../../drivers/transports/index.js';

const ROUND = Uint8Array.from(STATUS_ROUND.flatMap((n) => [...statusQuery(n)]));

/**
 * Asks the printer for its four status bytes and waits for them; null when it does not answer
 * in time. The caller makes sure only one round is in flight per printer.
 */
export async function queryStatus(transport: Transport, timeoutMs: number): Promise<PrinterStatus | null> {
  const parser = new StatusParser();
  let onData: ((chunk: Buffer) => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = new Promise<PrinterStatus | null>((resolve) => {
      onData = (chunk) => {
        const status = parser.feed(chunk);
        if (status) resolve(status);
      };
      transport.on('data', onData);
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    await transport.write(ROUND);
    return await answer;
  } finally {
    clearTimeout(timer);
    if (onData) transport.off('data', onData);
  }
}
