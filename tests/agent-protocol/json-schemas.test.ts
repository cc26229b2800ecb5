import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas } from '../../agent-protocol/json-schemas.js';

const directory = fileURLToPath(new URL('../../agent-protocol/schemas/', import.meta.url));

describe('generated JSON Schema files', () => {
  it('match the zod schemas (run `npm run protocol:schemas` after changing them)', () => {
    const expected = renderJsonSchemas();
    const present = readdirSync(directory)
      .filter((name) => name.endsWith('.schema.json'))
      .sort();
    expect(present).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) {
      expect(readFileSync(`${directory}${name}`, 'utf8'), `${name} is stale: run npm run protocol:schemas`).toBe(text);
    }
  });

  it('describe all eight log categories and every server command', () => {
    const logEvent = JSON.parse(renderJsonSchemas().get('log-event.schema.json')!) as {
      oneOf: { properties: { category: { const: string } } }[];
    };
    expect(logEvent.oneOf.map((variant) => variant.properties.category.const)).toEqual([
      'boot',
      'logon',
      'web_access',
      'software_operation',
      'file_operation',
      'printer_output',
      'external_device',
      'device_control',
    ]);
    const command = JSON.parse(renderJsonSchemas().get('server-command.schema.json')!) as {
      oneOf: { properties: { kind: { const: string } } }[];
    };
    expect(command.oneOf.map((variant) => variant.properties.kind.const)).toEqual([
      'configure',
      'revoke',
      'uninstall',
      'pause',
      'resume',
      'request_diagnostics',
    ]);
  });
});
