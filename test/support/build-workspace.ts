import { ensureWorkspaceBuilt } from '../../src/http/workspace-build.ts';

/**
 * Vitest's global setup: web/dist is built (when its sources changed) before the suites run,
 * so that servers started by the tests, in process or as `entente serve`, find it fresh.
 */
export default async function setup(): Promise<void> {
  const report = await ensureWorkspaceBuilt();
  if (report.built) console.log(`built the workspace (web/dist) in ${(report.ms / 1000).toFixed(1)} s`);
}
