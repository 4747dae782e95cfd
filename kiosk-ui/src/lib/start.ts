import './base.css';
import { type Component, mount } from 'svelte';

/** The weights base.css bundles, and text that touches each of their subsets (Latin, Latin Extended, Vietnamese). */
const WEIGHTS = [400, 600, 800];
const EVERY_SUBSET = 'Aa Đđ Ữữ';

/**
 * Mounts a screen, then loads every face of its font while the server is still reachable. A
 * browser fetches a face only when some text first needs it, and what a screen shows once it
 * has lost the server (its offline notice, in bold) may need one it has not used yet: it
 * would wait for a file it can no longer fetch, its words invisible meanwhile.
 */
export function start(App: Component): void {
  mount(App, { target: document.getElementById('app') as HTMLElement });
  for (const weight of WEIGHTS) void document.fonts.load(`${weight} 1em "Be Vietnam Pro"`, EVERY_SUBSET);
}
