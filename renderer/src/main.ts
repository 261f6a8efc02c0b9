import { mount } from 'svelte';
import App from './App.svelte';
import { connectTransport } from './transport.ts';
import './styles.css';
import './a11y/modes.css';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(App, { target, props: { transport: connectTransport(window) } });
