import type { TicketStatus } from '../../contract/screen.js';

/**
 * The ticket state machine of DESIGN.md, as data. `recall` keeps the state (it is an event,
 * not a state); `return` brings a no-show back into the line.
 */
export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'transferred',
] as const satisfies readonly TicketStatus[];

export type TicketAction = 'call' | 'recall' | 'start' | 'finish' | 'no_show' | 'return' | 'transfer';

const rules: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus | 'same' }> = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called'], to: 'same' },
  start: { from: ['called'], to: 'serving' },
  finish: { from: ['called', 'serving'], to: 'done' },
  no_show: { from: ['called'], to: 'no_show' },
  return: { from: ['no_show'], to: 'waiting' },
  transfer: { from: ['called', 'serving'], to: 'transferred' },
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(status: TicketStatus, action: TicketAction): TicketStatus | null {
  const rule = rules[action];
  if (!rule.from.includes(status)) return null;
  return rule.to === 'same' ? status : rule.to;
}

/** Every (from, to) pair an event may record; used to check the event log. */
export function isLegalChange(from: TicketStatus | null, to: TicketStatus): boolean {
  if (from === null) return to === 'waiting' || to === 'called';
  return Object.values(rules).some((r) => r.from.includes(from) && (r.to === 'same' ? from : r.to) === to);
}

export const statusNames: Record<TicketStatus, string> = {
  waiting: 'đang chờ',
  called: 'đã gọi',
  serving: 'đang phục vụ',
  done: 'đã xong',
  no_show: 'vắng mặt',
  transferred: 'đã chuyển',
};

const actionNames: Record<TicketAction, string> = {
  call: 'gọi',
  recall: 'gọi lại',
  start: 'bắt đầu phục vụ',
  finish: 'kết thúc',
  no_show: 'đánh dấu vắng mặt',
  return: 'đưa lại vào hàng chờ',
  transfer: 'chuyển',
};

export function illegalMessage(number: string, status: TicketStatus, action: TicketAction): string {
  return `Không thể ${actionNames[action]} số ${number} vì số này ${statusNames[status]}.`;
}
