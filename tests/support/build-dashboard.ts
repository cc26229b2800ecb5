import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** vitest globalSetup: the dashboard the browser tests open is the current source, built. */
export default function buildDashboard(): void {
  execFileSync(process.execPath, ['dashboard/scripts/build-if-stale.mjs'], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    stdio: 'inherit',
  });
}
