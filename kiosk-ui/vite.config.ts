import path from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const root = import.meta.dirname;

const SCREENS = ['index', 'kiosk', 'counter', 'display', 'tech', 'logbook', 'leader', 'rate'];

/**
 * One entry per device page, so a kiosk loads only the kiosk's code. A ticket's live page
 * (`--mode live`) is built on its own: a phone must not load the chunks the screens share.
 */
export default defineConfig(({ mode }) => ({
  root,
  base: '/',
  // Served as they are (preCompressed): a phone on a crowded Wi-Fi loads a ticket's live page
  // in a quarter of the bytes, and the appliance spends no CPU compressing each answer.
  plugins: [
    svelte(),
    compression({ algorithms: ['gzip', 'brotliCompress'], threshold: 1024, logLevel: 'silent' }),
  ],
  build: {
    outDir: path.join(root, '..', 'dist', 'ui'),
    emptyOutDir: mode !== 'live',
    target: 'es2022',
    reportCompressedSize: false,
    rolldownOptions: {
      input: Object.fromEntries(
        (mode === 'live' ? ['live'] : SCREENS).map((page) => [page, path.join(root, `${page}.html`)]),
      ),
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080', '/socket.io': { target: 'ws://localhost:8080', ws: true } },
  },
}));
