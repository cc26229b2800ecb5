import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../../harness/data-dir.js';
import { operatorClient } from '../../harness/api-client.js';
import { startYorozuProcess, type YorozuProcess } from '../../harness/yorozu-process.js';

/**
 * Art. 1 at the first start: `npm start -- --trial-start=… --trial-end=…` sets the trial period before
 * anyone signs in (the process itself, with its real arguments); a bad date stops the start with the reason.
 */
const dataDir = freshDataDir('first-trial-period');
let running: YorozuProcess | undefined;

afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGTERM');
    await running.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the trial period at the first start', () => {
  it('is set from the command line before anyone signs in', async () => {
    running = await startYorozuProcess(dataDir, {}, [], ['--trial-start=2027-01-04', '--trial-end=2027-03-31']);
    const operator = await operatorClient(running.url);
    expect((await operator.call('GET', '/api/v1/trial')).body).toMatchObject({
      trial: { starts_on: '2027-01-04', ends_on: '2027-03-31', changed_by: 'first-start' },
    });
    running.child.kill('SIGTERM');
    await running.exited;
  });

  it('a date that is not a date stops the start with the reason', async () => {
    await expect(
      startYorozuProcess(freshDataDir('first-trial-bad'), {}, [], ['--trial-start=2027-13-45']),
    ).rejects.toThrow(/YOROZU_TRIAL_STARTS_ON/);
  });
});
