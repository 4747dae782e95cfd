import { type Cipher, createCipheriv, createDecipheriv, type Decipher, randomBytes } from 'node:crypto';
import type { Db } from '../db/open.js';

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/**
 * The token of a ticket's live page (`/t/:token`): the ticket's id and eight zero bytes,
 * encrypted as one AES block under the center's own key. A guess is a valid token only if it
 * decrypts to a ticket issued here, so it is as unguessable as 128 random bits, and it neither
 * gives away the id nor lets anyone walk to the next ticket. Unlike a random token it is
 * stored and indexed nowhere: a unique index of random tokens cost every kiosk tap a write to
 * a random page of that index, a third of the ticket's database time at saturation (profiled
 * under saturated issuance).
 */
export class PublicTokens {
  // ECB carries nothing from one block to the next, so one cipher each way serves every token
  // (a new one per token cost ten times the sealing, measured at saturation).
  readonly #seal: Cipher;
  readonly #open: Decipher;

  constructor(key: Buffer) {
    this.#seal = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
    this.#open = createDecipheriv('aes-128-ecb', key, null).setAutoPadding(false);
  }

  of(ticketId: number): string {
    const block = Buffer.alloc(16);
    block.writeBigUInt64BE(BigInt(ticketId), 8);
    return this.#seal.update(block).toString('base64url');
  }

  /** The ticket a token names, or null for anything that is not one of ours. */
  ticketId(token: string): number | null {
    if (!TOKEN.test(token)) return null;
    const sealed = Buffer.from(token, 'base64url');
    // Two spare bits in the last character: only the one spelling the encoder writes is a token.
    if (sealed.toString('base64url') !== token) return null;
    const block = this.#open.update(sealed);
    if (block.readBigUInt64BE(0) !== 0n) return null;
    const id = block.readBigUInt64BE(8);
    return id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : null;
  }
}

/**
 * The center's token key, made on first use and kept in the database, so a restart or a
 * restored backup answers the links already printed.
 */
export function publicTokenKey(db: Db): Buffer {
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('public_token_key', ?)").run(
    randomBytes(16).toString('hex'),
  );
  const { value } = db.prepare("SELECT value FROM meta WHERE key = 'public_token_key'").get() as {
    value: string;
  };
  return Buffer.from(value, 'hex');
}
