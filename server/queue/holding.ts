import type { Actor } from '../auth/actor.js';
import { conflict } from '../errors.js';
import type { CounterRow } from './types.js';

/**
 * Who may work a counter. A clerk signs in to it (the counter page does at login) and holds
 * it until they sign out or their session ends; another clerk's action on it is refused,
 * naming who holds it, unless they take it over on purpose.
 */
export type Holding =
  | { kind: 'held' }
  | { kind: 'resign'; session: string | null }
  | { kind: 'open' }
  | { kind: 'takeover'; from: number };

export function holding(counter: CounterRow, actor: Actor, takeover: boolean): Holding {
  if (counter.account_id === null) return { kind: 'open' };
  if (counter.account_id === actor.accountId) {
    // The same clerk signed in again (another browser, after a restart): the counter follows.
    const session = actor.session ?? null;
    return session === counter.session_hash ? { kind: 'held' } : { kind: 'resign', session };
  }
  if (!takeover) {
    throw conflict(
      'counter_taken',
      `Quầy ${counter.number} đang do ${counter.held_by ?? 'cán bộ khác'} làm việc. Nếu người đó đã rời quầy, hãy chọn nhận quầy.`,
    );
  }
  return { kind: 'takeover', from: counter.account_id };
}
