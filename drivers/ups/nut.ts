import net from 'node:net';

export interface NutTarget {
  host: string;
  port: number;
  /** The UPS's name in upsd's ups.conf. */
  name: string;
  timeoutMs: number;
}

/** A refusal or a malformed answer of upsd, with its words. */
export class NutError extends Error {
  override name = 'NutError';
}

/**
 * Reads `ups.status` from a Network UPS Tools server (upsd, port 3493): the flags it reports,
 * such as `OL` (on line power), `OB` (on battery), `LB` (battery low), `FSD` (forced shutdown).
 * One short connection per read: GET VAR, then LOGOUT. Written here rather than taken from
 * npm: the only client there (node-nut) is unmaintained, callback-based, and has no timeout,
 * for a protocol that needs one line each way.
 */
export function readUpsStatus(target: NutTarget): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    let buffer = '';
    const done = (err: Error | null, flags?: string[]) => {
      socket.destroy();
      if (err) reject(err);
      else resolve(flags as string[]);
    };
    socket.setTimeout(target.timeoutMs, () =>
      done(new NutError(`upsd không trả lời sau ${target.timeoutMs} ms`)),
    );
    socket.once('error', (err) => done(err));
    socket.once('connect', () => socket.write(`GET VAR ${target.name} ups.status\nLOGOUT\n`));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const line = buffer.split('\n')[0];
      if (line === undefined || !buffer.includes('\n')) return;
      const value = new RegExp(`^VAR ${target.name} ups\\.status "([^"]*)"`).exec(line);
      if (value) done(null, (value[1] as string).split(/\s+/).filter(Boolean));
      else done(new NutError(line.startsWith('ERR') ? `upsd: ${line}` : `upsd trả lời không rõ: ${line}`));
    });
  });
}
