import { execFile } from 'node:child_process';

/**
 * The two Windows tools the agent's Windows sources run: `wevtutil` (present on every Windows since
 * Vista) and Windows PowerShell 5.1 (`powershell`, present on every Windows 10/11). Both are found on
 * PATH, so a test on Linux puts fakes that print Microsoft's documented output there.
 */
export type WindowsCommand = (file: string, args: readonly string[]) => Promise<string>;

/**
 * wevtutil writes in the console's code page (CP932 on Japanese Windows) unless asked for Unicode
 * (`/uni:true`, UTF-16LE); PowerShell is told to write UTF-8. Either way the bytes decode here.
 */
export function decodeWindowsOutput(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.subarray(3).toString('utf8');
  // UTF-16LE without a BOM: every second byte of ASCII text is zero.
  const sample = bytes.subarray(0, 64);
  let zeros = 0;
  for (let i = 1; i < sample.length; i += 2) if (sample[i] === 0) zeros += 1;
  return sample.length >= 4 && zeros >= sample.length / 4 ? bytes.toString('utf16le') : bytes.toString('utf8');
}

export const runWindowsCommand: WindowsCommand = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, windowsHide: true, timeout: 10 * 60_000 },
      (error, stdout, stderr) => {
        if (error) {
          const message = decodeWindowsOutput(stderr).trim() || decodeWindowsOutput(stdout).trim() || error.message;
          reject(new Error(`${file} ${args[0] ?? ''} failed: ${message.slice(0, 2000)}`));
        } else resolve(decodeWindowsOutput(stdout));
      },
    );
  });

/**
 * Runs a PowerShell script passed as -EncodedCommand (UTF-16LE, base64): no quoting of the script
 * through the command line, no script file left on disk, and no execution-policy prompt. The script
 * must print one JSON document.
 */
export async function runPowerShellJson(
  script: string,
  run: WindowsCommand = runWindowsCommand,
): Promise<Record<string, unknown>> {
  const prologue = '$ProgressPreference = "SilentlyContinue"; [Console]::OutputEncoding = [Text.Encoding]::UTF8\n';
  const encoded = Buffer.from(prologue + script, 'utf16le').toString('base64');
  const output = await run('powershell', [
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
    encoded,
  ]);
  const text = output.trim();
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new Error(`PowerShell did not print a JSON object (${(error as Error).message}): ${text.slice(0, 200)}`, {
      cause: error,
    });
  }
}

/** Small readers for PowerShell's JSON: a single object where an array was meant, numbers as strings, nulls. */
export const asArray = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).filter(
    (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
  );
export const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
export const asText = (value: unknown): string =>
  value === undefined || value === null || typeof value === 'object' ? '' : String(value).trim();
export const asNumber = (value: unknown): number | undefined => {
  const parsed = typeof value === 'number' ? value : Number(asText(value));
  return asText(value) !== '' && Number.isFinite(parsed) ? parsed : undefined;
};
export const asBoolean = (value: unknown): boolean | undefined =>
  value === true || /^(true|1|on)$/i.test(asText(value))
    ? true
    : value === false || /^(false|0|off)$/i.test(asText(value))
      ? false
      : undefined;
