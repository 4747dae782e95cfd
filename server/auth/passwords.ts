import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { quantile } from '../quantile.js';

/**
 * Passwords and PINs are hashed with scrypt, the memory-hard KDF built into Node: a stolen
 * database does not give away a four-digit PIN in seconds. The cost travels with each hash.
 */
// One of OWASP's recommended scrypt settings, the one at 8 MiB (N=2^13, r=8, p=10): as much
// work per guess as the others, in the least memory, because the appliance must stay small.
const COST = { N: 2 ** 13, r: 8, p: 10 };
const KEY_LENGTH = 32;

/** One derivation at a time: a burst of logins queues instead of holding 8 MiB each at once. */
let turn: Promise<unknown> = Promise.resolve();
/** How long recent derivations took, without their wait in line: what a login answer is padded to. */
const recent: number[] = [];

function derive(secret: string, salt: Buffer, cost: typeof COST): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  const work = () => {
    const started = performance.now();
    return new Promise<Buffer>((resolve, reject) =>
      scrypt(secret.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => {
        recent.push(performance.now() - started);
        if (recent.length > 20) recent.shift();
        if (error) reject(error);
        else resolve(key);
      }),
    );
  };
  const next = turn.then(work, work);
  turn = next.catch(() => {});
  return next;
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(secret, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of nothing anyone knows, checked for unknown usernames so timing tells nothing. */
export const decoyHash = hashSecret(randomBytes(16).toString('hex'));

/**
 * The typical recent derivation, in milliseconds (150 before the first). The median, not the
 * longest: one derivation stalled by a busy machine (a browser starting beside the appliance
 * at boot) would otherwise pad the next twenty logins past the pages' 8-second patience.
 */
export const derivationMs = (): number =>
  recent.length === 0
    ? 150
    : quantile(
        [...recent].sort((a, b) => a - b),
        0.5,
      );
