import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

/**
 * Packages the reference agent as one executable with Node's single executable applications (SEA):
 * agent/cli.ts bundled into one CommonJS file (esbuild), turned into a SEA blob by this Node, and
 * injected into a copy of the Node binary (postject). The blob must come from the same Node version
 * as the binary it goes into, so for Windows run this ON WINDOWS with Node 20 (`--node` defaults to the
 * running node.exe); on Linux it builds a Linux executable, which is how the pipeline is checked here.
 *
 *   npx tsx agent/windows/build-agent-exe.ts [--out dist/agent] [--node PATH] [--winsw PATH]
 *
 * The output folder holds yorozu-agent(.exe), the install and uninstall scripts and, with --winsw,
 * WinSW renamed yorozu-agent-service.exe (the service wrapper: a SEA binary does not speak the Windows
 * service control protocol itself). Code signing is left to the distributor (signtool).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(ROOT, 'dist', 'agent') },
    node: { type: 'string', default: process.execPath },
    winsw: { type: 'string' },
  },
});
const out = path.resolve(values.out);
const windows = values.node.toLowerCase().endsWith('.exe');
const executable = path.join(out, windows ? 'yorozu-agent.exe' : 'yorozu-agent');
const bundle = path.join(out, 'yorozu-agent.cjs');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [path.join(ROOT, 'agent', 'cli.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  // ws loads these optional native speed-ups only when present; the agent does without them.
  external: ['bufferutil', 'utf-8-validate'],
  define: { 'process.env.WS_NO_BUFFER_UTIL': '"1"', 'process.env.WS_NO_UTF_8_VALIDATE': '"1"' },
  logLevel: 'warning',
});

const seaConfig = path.join(out, 'sea-config.json');
const blob = path.join(out, 'yorozu-agent.blob');
writeFileSync(seaConfig, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true }));
execFileSync(process.execPath, ['--experimental-sea-config', seaConfig], { stdio: 'inherit' });
copyFileSync(values.node, executable);
execFileSync(
  process.execPath,
  [
    path.join(ROOT, 'node_modules', 'postject', 'dist', 'cli.js'),
    executable,
    'NODE_SEA_BLOB',
    blob,
    '--sentinel-fuse',
    'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
    ...(process.platform === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : []),
  ],
  { stdio: 'inherit' },
);
for (const script of ['yorozu-agent-install.ps1', 'yorozu-agent-uninstall.ps1'])
  copyFileSync(path.join(ROOT, 'agent', 'windows', script), path.join(out, script));
if (values.winsw) copyFileSync(values.winsw, path.join(out, 'yorozu-agent-service.exe'));
for (const temporary of [bundle, blob, seaConfig]) rmSync(temporary);
console.log(`built ${path.relative(process.cwd(), executable)}`);
