import { networkInterfaces } from 'node:os';

const LOOPBACK = /^(localhost|127\.[0-9.]+|\[::1\])(:[0-9]+)?$/i;
/** A host name or address with an optional port: anything else in a Host header is not used. */
const HOST = /^([a-z0-9.-]+|\[[0-9a-f:]+\])(:[0-9]{1,5})?$/i;

/**
 * Where a phone on the center's Wi-Fi finds a ticket's live page: the address configured, else
 * the one the kiosk reached the appliance by, unless that was the appliance itself (a kiosk
 * browser on the same box says "localhost", which means the phone), then its LAN address.
 */
export function publicBase(
  configured: string | undefined,
  host: string | undefined,
  lanAddress: () => string | null,
  port: number,
): string | null {
  if (configured) return configured.replace(/\/$/, '');
  if (host && HOST.test(host) && !LOOPBACK.test(host)) return `http://${host}`;
  const lan = lanAddress();
  return lan ? `http://${lan}:${port}` : null;
}

/** The appliance's first IPv4 address on a network card. */
function lanAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  return null;
}

/**
 * The LAN address, read again once `ms` have passed: DHCP may change it, but reading the
 * network cards costs 0.2 ms, a third of a ticket's whole work (measured under the bench).
 */
export function lanAddressEvery(ms: number, now: () => number): () => string | null {
  let read: { at: number; address: string | null } | null = null;
  return () => {
    if (read === null || now() - read.at >= ms) read = { at: now(), address: lanAddress() };
    return read.address;
  };
}

/** What one address may ask of the live pages a minute: a hundred phones behind a NAT. */
export const PUBLIC_POLLS_PER_MINUTE = 1500;

/** The live page of a ticket. */
export const publicLink = (base: string | null, token: string): string | null =>
  base ? `${base}/t/${token}` : null;
