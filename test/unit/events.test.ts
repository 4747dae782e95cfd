import { describe, expect, it } from 'vitest';
import { DomainBus } from '../../server/events.js';

const started = { at: 1, cleanStop: true, lastHeartbeatAt: null };

function bus(inTransaction = () => false) {
  const errors: { event: string; owner: string; message: string }[] = [];
  const b = new DomainBus({
    onListenerError: (err, event, owner) => errors.push({ event, owner, message: (err as Error).message }),
    inTransaction,
  });
  return { b, errors };
}

describe('domain event bus', () => {
  it('delivers to every listener in order of registration', () => {
    const { b } = bus();
    const heard: string[] = [];
    b.on('a', 'process.started', () => void heard.push('a'));
    b.on('b', 'process.started', () => void heard.push('b'));
    b.emit('process.started', started);
    expect(heard).toEqual(['a', 'b']);
  });

  it('a throwing or rejecting listener is logged and breaks neither the emitter nor the others', async () => {
    const { b, errors } = bus();
    const heard: string[] = [];
    b.on('broken', 'process.started', () => {
      throw new Error('hỏng');
    });
    b.on('async', 'process.started', async () => {
      throw new Error('hỏng sau');
    });
    b.on('fine', 'process.started', () => void heard.push('fine'));
    expect(() => b.emit('process.started', started)).not.toThrow();
    expect(heard).toEqual(['fine']);
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual([
      { event: 'process.started', owner: 'broken', message: 'hỏng' },
      { event: 'process.started', owner: 'async', message: 'hỏng sau' },
    ]);
  });

  it('removes every listener of an owner, and only those', () => {
    const { b } = bus();
    const heard: string[] = [];
    b.on('logbook', 'process.started', () => void heard.push('logbook'));
    b.on('logbook', 'drill.started', () => void heard.push('logbook drill'));
    b.on('realtime', 'process.started', () => void heard.push('realtime'));
    b.off('logbook');
    b.emit('process.started', started);
    b.emit('drill.started', { id: 1, at: 1, by: null });
    expect(heard).toEqual(['realtime']);
  });

  it('refuses to emit inside a transaction, where a rollback would unsay the event', () => {
    let open = true;
    const { b } = bus(() => open);
    expect(() => b.emit('process.started', started)).toThrow(/inside a transaction/);
    open = false;
    expect(() => b.emit('process.started', started)).not.toThrow();
  });
});
