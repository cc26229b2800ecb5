import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { renderJsonSchemas } from '../json-schemas.js';

// Writes agent-protocol/schemas/*.schema.json from the zod schemas (npm run protocol:schemas).
const directory = fileURLToPath(new URL('../schemas/', import.meta.url));
mkdirSync(directory, { recursive: true });
const files = renderJsonSchemas();
for (const name of readdirSync(directory)) {
  if (name.endsWith('.schema.json') && !files.has(name)) rmSync(path.join(directory, name));
}
for (const [name, text] of files) writeFileSync(path.join(directory, name), text);
console.log(`wrote ${files.size} JSON Schema files to ${path.relative(process.cwd(), directory)}`);
