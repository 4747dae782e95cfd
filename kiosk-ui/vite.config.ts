import path from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/** One entry per device page, so a kiosk loads only the kiosk's code. */
export default defineConfig({
  root,
  base: '/',
  plugins: [svelte()],
  build: {
    outDir: path.join(root, '..', 'dist', 'ui'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    rolldownOptions: {
      input: Object.fromEntries(
        ['index', 'kiosk', 'counter', 'display', 'tech', 'logbook', 'leader'].map((page) => [
          page,
          path.join(root, `${page}.html`),
        ]),
      ),
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080', '/socket.io': { target: 'ws://localhost:8080', ws: true } },
  },
});
