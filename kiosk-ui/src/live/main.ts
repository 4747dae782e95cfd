// No shared base.css here: its bundled fonts weigh more than this whole page may (a phone has
// Vietnamese glyphs of its own), and the page must load over a crowded Wi-Fi.
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app') as HTMLElement });
