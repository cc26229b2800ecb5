import type { Logger } from 'pino';
import { KNOWN_BAD_SITES, runSimulator, type SimulatorProgress } from '../agent/simulator/index.js';
import { EVERY_PARTICIPANT } from '../detections/lists-store.js';
import { DEMO_PASSWORD, DEMO_USERS, prepareDemoParticipants } from './demo-participants.js';
import { prepareDemoTickets } from './demo-tickets.js';
import { sendDemoMail } from './demo-mail.js';
import { prepareDemoTemplates } from './demo-templates.js';
import type { RunningYorozu } from './yorozu.js';

/**
 * `npm start -- --demo`: three demo organisations whose simulated PCs enroll through the real
 * protocol, backfill the last 7 days (only when the organisations are new), then stream live until
 * Yorozu stops. The planted incidents are printed so a demo can go and find them.
 */
const DEMO_SEED = 'yorozu-demo';
const DEVICES_PER_PARTICIPANT = 8;
const HOST_CODES = ['SAKURA', 'MINATO', 'AOBA'];

export async function runDemo(yorozu: RunningYorozu, logger: Logger, signal: AbortSignal): Promise<void> {
  const participants = await prepareDemoParticipants(yorozu.devices, yorozu.participants);
  const simulated = participants.map((participant, index) => ({
    secret: participant.secret,
    name: participant.name,
    participantId: participant.participantId,
    code: HOST_CODES[index],
    devices: DEVICES_PER_PARTICIPANT,
  }));
  const log = logger.child({ component: 'demo' });
  let lastReport = 0;
  let reportEveryMs = 5000;
  const onProgress = (progress: SimulatorProgress) => {
    if (Date.now() - lastReport < reportEveryMs && progress.phase !== 'done') return;
    lastReport = Date.now();
    log.info(
      { ...progress },
      `demo: ${progress.phase} — ${progress.devicesEnrolled}/${progress.devices} PCs, ${progress.eventsSent} events stored`,
    );
  };

  if (participants.some((participant) => participant.isNew)) {
    log.info({ organisations: participants.map((p) => p.name) }, 'demo: backfilling the last 7 days');
    const backfill = await runSimulator({
      serverUrl: yorozu.url,
      participants: simulated,
      seed: DEMO_SEED,
      mode: 'backfill',
      days: 7,
      signal,
      onProgress,
    });
    if (signal.aborted) return;
    log.info({ events: backfill.eventsSent, devices: backfill.devices.length }, 'demo: backfill done');
    // Alongside the live stream (a few minutes on a small machine): the report fills as each organisation is done.
    void evaluateDemoHealth(yorozu, participants, log, signal).catch((error: unknown) =>
      log.warn({ err: error }, 'demo: health evaluation failed'),
    );
    await prepareDemoTickets(yorozu, participants);
    await prepareDemoTemplates(yorozu);
    await sendDemoMail(yorozu, participants, log).catch((error: unknown) =>
      log.warn({ err: error }, 'demo: the demo mails could not be sent'),
    );
    // The desk's IOC list knows the demo's bad sites; the detection rules then find the planted incidents.
    await yorozu.detections.lists.change(
      'ioc_domains',
      EVERY_PARTICIPANT,
      KNOWN_BAD_SITES.map((site) => ({ value: site.domain, note: site.ja, removed: false })),
      'demo',
    );
    for (const participant of participants) await yorozu.detections.run.runFor(participant.participantId, new Date());
    console.log('\nPlanted incidents for the demo (find them in the logs):');
    for (const incident of backfill.incidents) {
      console.log(
        `  ${incident.from.slice(0, 16)}Z  ${incident.participant} ${incident.hostname} ${incident.user}: ${incident.description.ja}`,
      );
    }
    if (yorozu.desk.smtpPort !== undefined)
      console.log(
        `\nThe desk receives mail on 127.0.0.1:${yorozu.desk.smtpPort} (SMTP); the demo sent three, one held (/desk, 保留メール).`,
      );
    console.log(`\nDemo portal users (password ${DEMO_PASSWORD}): ${DEMO_USERS.join(', ')}\n`);
  } else {
    log.info('demo: organisations already exist here; skipping the backfill');
  }
  if (signal.aborted) return;
  log.info('demo: streaming live events until Yorozu stops (office hours in JST: little happens at night)');
  reportEveryMs = 60_000;
  await runSimulator({
    serverUrl: yorozu.url,
    participants: simulated,
    seed: DEMO_SEED,
    mode: 'realtime',
    signal,
    onProgress,
  });
}

/**
 * Right after the backfill, so the report and the scores have something to show at once: the health policies at
 * past instants over the backfilled week (the trend, and "failing since" from the data), then now.
 */
async function evaluateDemoHealth(
  yorozu: RunningYorozu,
  participants: readonly { participantId: string; name: string }[],
  log: Logger,
  signal: AbortSignal,
): Promise<void> {
  const started = Date.now();
  for (const participant of participants) {
    if (signal.aborted) return;
    const now = new Date();
    const past = await yorozu.health.history.fillNewPolicies(participant.participantId, now);
    await yorozu.health.evaluation.evaluate(participant.participantId, now, 'demo');
    log.info({ organisation: participant.name, pastEvaluations: past }, 'demo: health evaluated');
  }
  log.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'demo: health history evaluated');
}
