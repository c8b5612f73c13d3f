import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The shared test vectors beside the checkout (../shared), else where the machine keeps them
// (/work/shared; the server's tests read them there): one place for the workspace's tests too.
const beside = path.resolve(import.meta.dirname, '../shared/testdata');
const TESTDATA = fs.existsSync(beside) ? beside : '/work/shared/testdata';

export default defineConfig({
  // The workspace's unit tests (web/**/*.test.tsx) need JSX: React's automatic runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: { alias: { '@testdata': TESTDATA } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'web/dist/**'],
    // Builds web/dist once, before any test starts a server that serves it.
    globalSetup: ['test/support/build-workspace.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
