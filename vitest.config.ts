import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The workspace's unit tests (web/**/*.test.tsx) need JSX: React's automatic runtime.
  oxc: { jsx: { runtime: 'automatic' } },
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
