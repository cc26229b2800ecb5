import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { DASHBOARD_CATALOGUE_PATH, dashboardCatalogueModule } from '../dashboard-catalogue.js';

/** The dashboard's copy of the event catalogue, formatted as the tree is (prettier), so `format:check` agrees. */
export async function formattedDashboardCatalogue(file: string): Promise<string> {
  const options = await resolveConfig(file);
  return format(dashboardCatalogueModule(), { ...options, filepath: file });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = fileURLToPath(new URL(`../../${DASHBOARD_CATALOGUE_PATH}`, import.meta.url));
  writeFileSync(file, await formattedDashboardCatalogue(file));
  console.log(`wrote ${DASHBOARD_CATALOGUE_PATH}`);
}
