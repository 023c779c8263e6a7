// Builds the inference console (web/) into dist-web/, which the app's `console` function serves and the package ships.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  // JSX compiles for Preact through esbuild; no framework plugin is needed.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../dist-web',
    emptyOutDir: true,
    target: 'es2022',
    // The CSP allows no inline script, and the polyfill is for browsers older than the target anyway.
    modulePreload: { polyfill: false },
  },
  // `npm run dev:web`: Vite's dev server with reload, the API proxied to the app on the dev host.
  server: { port: 5174, proxy: { '/api': 'http://127.0.0.1:7074' } },
});
