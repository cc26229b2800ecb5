import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DASHBOARDS } from './dashboards/index.js';

/**
 * `npm run grafana:generate`: writes each dashboard's JSON where Grafana's file provider reads it
 * (grafana/provisioning/dashboards/json/). `--check` writes nothing and fails if a file is stale.
 */
export const OUTPUT_DIR = fileURLToPath(new URL('./provisioning/dashboards/json/', import.meta.url));

export function renderDashboards(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(DASHBOARDS).map(([name, build]) => [
      `${name}.json`,
      `${JSON.stringify(build().build(), null, 2)}\n`,
    ]),
  );
}

function main(): void {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const [file, json] of Object.entries(renderDashboards())) {
    const target = new URL(file, `file://${OUTPUT_DIR}`);
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // a new dashboard: not written yet
    }
    if (current === json) continue;
    if (check) stale.push(file);
    else writeFileSync(target, json);
  }
  if (stale.length > 0) {
    console.error(`Stale Grafana dashboards (run npm run grafana:generate): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(check ? 'Grafana dashboards are up to date.' : `Grafana dashboards written to ${OUTPUT_DIR}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
