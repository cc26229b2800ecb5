import { readFileSync, writeFileSync } from 'node:fs';
import { withMappingTable } from '../windows/mapping-table.js';

/** Rewrites the mapping table of docs/windows-collector.md from agent-protocol/windows. */
const path = new URL('../../docs/windows-collector.md', import.meta.url);
writeFileSync(path, withMappingTable(readFileSync(path, 'utf8')));
console.log('wrote the Windows mapping table to docs/windows-collector.md');
