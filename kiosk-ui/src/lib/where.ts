import type { CounterView } from './types.js';

/**
 * Where a service is served: the numbers of its counters, and those of them open now (a
 * paused counter calls nobody), so a citizen is told where to go and whether anyone will call.
 */
export function servedAt(counters: CounterView[], serviceId: number): { all: number[]; open: number[] } {
  const serving = counters
    .filter((c) => c.serviceIds.includes(serviceId))
    .sort((a, b) => a.number - b.number);
  return {
    all: serving.map((c) => c.number),
    open: serving.filter((c) => c.status === 'open').map((c) => c.number),
  };
}

/**
 * Columns and rows for `n` service cards on a screen of this shape: the grid fills the
 * screen whatever the count, 4 to 16 and beyond, and never needs a scroll.
 */
export function serviceGrid(n: number, landscape: boolean): { columns: number; rows: number } {
  const columns = landscape ? (n <= 4 ? 2 : n <= 9 ? 3 : 4) : n <= 5 ? 1 : 2;
  return { columns, rows: Math.max(1, Math.ceil(n / columns)) };
}
