import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The fleet console page: same toolchain as the kiosk UI, its own entry and output (console/dist), served by
// `passage fleet console`. Built by `npm run build:renderer`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [svelte({ configFile: fileURLToPath(new URL('../svelte.config.js', import.meta.url)) })],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
