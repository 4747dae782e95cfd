import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  isTicketNumber,
  matchesPrefix,
  normalizeNumber,
} from '../../server/queue/numbering.js';
import { isLegalChange, nextStatus } from '../../server/queue/ticket-state.js';

describe('ticket state machine', () => {
  it('allows the transitions of the design', () => {
    expect(nextStatus('waiting', 'call')).toBe('called');
    expect(nextStatus('called', 'start')).toBe('serving');
    expect(nextStatus('serving', 'finish')).toBe('done');
    expect(nextStatus('called', 'finish')).toBe('done');
    expect(nextStatus('called', 'no_show')).toBe('no_show');
    expect(nextStatus('no_show', 'return')).toBe('waiting');
    expect(nextStatus('called', 'transfer')).toBe('transferred');
    expect(nextStatus('serving', 'transfer')).toBe('transferred');
    expect(nextStatus('called', 'recall')).toBe('called');
  });

  it('refuses everything else', () => {
    expect(nextStatus('waiting', 'finish')).toBeNull();
    expect(nextStatus('done', 'call')).toBeNull();
    expect(nextStatus('serving', 'no_show')).toBeNull();
    expect(nextStatus('transferred', 'finish')).toBeNull();
    expect(nextStatus('waiting', 'transfer')).toBeNull();
    expect(nextStatus('serving', 'recall')).toBeNull();
    expect(isLegalChange('done', 'waiting')).toBe(false);
    expect(isLegalChange('waiting', 'serving')).toBe(false);
  });
});

describe('numbering', () => {
  it('pads to the width and keeps digits past it', () => {
    expect(formatNumber('B', 14, 3)).toBe('B014');
    expect(formatNumber('A', 1000, 3)).toBe('A1000');
  });

  it('tells our numbers from QMS numbers', () => {
    expect(normalizeNumber(' b 014 ')).toBe('B014');
    expect(matchesPrefix('B014', ['A', 'B'])).toBe(true);
    expect(matchesPrefix('1005', ['A', 'B'])).toBe(false);
    expect(matchesPrefix('Z1', ['A', 'B'])).toBe(false);
  });

  it('knows a ticket number from a typo or two numbers glued together', () => {
    for (const good of ['B003', '1005', 'A1005', 'AB12']) expect(isTicketNumber(good), good).toBe(true);
    for (const bad of ['10O5', 'A12B003', 'B', '', 'B0031234', 'ABCD1'])
      expect(isTicketNumber(bad), bad).toBe(false);
  });
});
