import { DeviceTransport } from './device.js';
import { SerialTransport } from './serial.js';
import { TcpTransport } from './tcp.js';
import type { Transport } from './transport.js';
import { VirtualTransport } from './virtual.js';

export type TransportConfig =
  | { transport: 'virtual'; dir: string; bytesPerSecond?: number }
  | { transport: 'tcp'; host: string; port?: number; connectTimeoutMs?: number }
  | { transport: 'serial'; path: string; baudRate?: number }
  | { transport: 'device'; path: string };

export function createTransport(config: TransportConfig): Transport {
  switch (config.transport) {
    case 'virtual':
      return new VirtualTransport(config);
    case 'tcp':
      return new TcpTransport(config);
    case 'serial':
      return new SerialTransport(config);
    case 'device':
      return new DeviceTransport(config);
  }
}

export { Backoff, type Transport, TransportError } from './transport.js';
