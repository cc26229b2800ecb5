import { readFileSync, writeFileSync } from 'node:fs';
import { withHealthChecksTable } from '../health-checks-table.js';

/** Rewrites the health check table of PROTOCOL.md §5.4 from agent-protocol/v1/health-checks.ts. */
const path = new URL('../PROTOCOL.md', import.meta.url);
writeFileSync(path, withHealthChecksTable(readFileSync(path, 'utf8')));
console.log('wrote the health check table to agent-protocol/PROTOCOL.md');
