import { api } from './api.js';
import { common } from './i18n.js';
import type { Live } from './live.svelte.js';
import type { AccountView } from './types.js';

/**
 * Who is signed in on a leaders' page (the log book, the figures): leaders and technicians
 * stay, a clerk is told why not. The page's socket follows the session in and out.
 */
export class LeaderSession {
  account = $state<AccountView | null>(null);
  checked = $state(false);
  message = $state<string | null>(null);
  readonly #live: Live;
  readonly #refused: string;

  constructor(live: Live, refused: string) {
    this.#live = live;
    this.#refused = refused;
    live.socket.on('session.ended', () => {
      this.account = null;
      this.message = common.vi.sessionEnded;
    });
  }

  admit = (a: AccountView): void => {
    if (a.role === 'staff') {
      this.account = null;
      this.message = this.#refused;
      return;
    }
    this.account = a;
    this.message = null;
    this.#live.renew();
  };

  async logout(): Promise<void> {
    await api('POST', '/api/auth/logout', {}).catch(() => undefined);
    this.account = null;
    this.#live.renew();
  }

  /** On load: an open session is used as it is. */
  async check(): Promise<void> {
    try {
      this.admit((await api<{ account: AccountView }>('GET', '/api/auth/me')).account);
    } catch {
      this.account = null;
    }
    this.checked = true;
  }
}
