import { start } from '../lib/start.js';
import App from './App.svelte';

start(App);
