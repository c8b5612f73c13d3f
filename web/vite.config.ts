import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The workspace, served by the API server under /workspace/ (src/http/workspace.ts). */
export default defineConfig({
  root: path.dirname(fileURLToPath(import.meta.url)),
  base: '/workspace/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Only the CSP's 'self': no asset is inlined as a data: URL into scripts or styles.
    assetsInlineLimit: 0,
  },
});
