import '../lib/base.css';
// The register prints in Tinos, Times New Roman's metric twin, as administrative papers are set.
import '@fontsource/tinos/400.css';
import '@fontsource/tinos/700.css';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app') as HTMLElement });
