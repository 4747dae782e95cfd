import { start } from '../lib/start.js';
import './setup.css';
import App from './App.svelte';

start(App);
