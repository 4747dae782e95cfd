import { describe, expect, it } from 'vitest';
import { type Observation, printerState } from '../../server/printing/status-view.js';
import { READY } from '../helpers/fake-printer.js';

const seen = (o: Partial<Observation>): Observation => ({
  connected: true,
  readsBack: true,
  status: READY,
  printing: false,
  failure: null,
  ...o,
});

describe('printer state and paper, per the /api/printers contract', () => {
  it('is ready with paper when a reading printer answers clean', () => {
    expect(printerState(seen({}))).toEqual({ state: 'ready', paper: 'ok', lastError: null });
  });

  it('keeps printing with the paper near its end, and says so in paper', () => {
    expect(printerState(seen({ status: { ...READY, paperNearEnd: true }, printing: true }))).toMatchObject({
      state: 'printing',
      paper: 'near_end',
    });
  });

  it('is an error with the reason when the paper is out or the cover open', () => {
    expect(printerState(seen({ status: { ...READY, paperOut: true, offline: true } }))).toEqual({
      state: 'error',
      paper: 'out',
      lastError: 'Hết giấy: thay cuộn giấy mới.',
    });
    expect(printerState(seen({ status: { ...READY, coverOpen: true, offline: true } })).lastError).toMatch(
      /Nắp/,
    );
  });

  it('is offline when the link is down or the printer does not answer', () => {
    expect(
      printerState(seen({ connected: false, failure: 'Không mở được cổng /dev/ttyUSB0 (ENOENT).' })),
    ).toEqual({
      state: 'offline',
      paper: 'unknown',
      lastError: 'Không mở được cổng /dev/ttyUSB0 (ENOENT).',
    });
    expect(printerState(seen({ status: null })).state).toBe('offline');
  });

  it('is unknown, not ready, on a write-only link that has not failed', () => {
    expect(printerState(seen({ readsBack: false, status: null }))).toEqual({
      state: 'unknown',
      paper: 'unknown',
      lastError: null,
    });
    expect(
      printerState(seen({ readsBack: false, status: null, failure: 'Ghi vào /dev/usb/lp0 thất bại (EIO).' }))
        .state,
    ).toBe('error');
  });
});
