import { start } from '../lib/start.js';
// The register prints in Tinos, Times New Roman's metric twin, as administrative papers are set.
import '@fontsource/tinos/400.css';
import '@fontsource/tinos/700.css';
import App from './App.svelte';

start(App);
