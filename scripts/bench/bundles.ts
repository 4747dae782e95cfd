import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Gzipped JavaScript each device page loads: its entry script and every chunk it preloads,
 * read from the built HTML, so a shared chunk counts for each page that needs it.
 */
export function bundleKb(uiDir: string, pages: readonly string[]): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const page of pages) {
    const html = readFileSync(path.join(uiDir, `${page}.html`), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
    const bytes = [...new Set(scripts)].reduce(
      (sum, src) => sum + gzipSync(readFileSync(path.join(uiDir, src))).length,
      0,
    );
    sizes[page] = Math.round(bytes / 102.4) / 10;
  }
  return sizes;
}
