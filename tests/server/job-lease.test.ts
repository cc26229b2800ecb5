import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailOutbox, type DeliveryClaim } from '../../desk/mail-outbox.js';
import { MailSender } from '../../desk/mail/mail-sender.js';
import { parseInboundMail } from '../../desk/mail/inbound-mail.js';
import { SmtpListener } from '../../desk/mail/smtp-listener.js';
import { openDatabase, type Database } from '../../server/clickhouse.js';
import { ClickHouseLeases, ensureLeaseTable } from '../../server/job-lease.js';
import { JobScheduler, type JobRun } from '../../server/job-scheduler.js';
import { readMigrationFiles } from '../../server/migration-files.js';
import { runMigrations } from '../../server/migrate.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

/**
 * Two gateways on one database, played by two clients of one embedded engine (chDB binds a data
 * directory to one process, so two processes cannot share it; a ClickHouse server is not installable
 * here). Each "gateway" has its own client, its own lease holder, its own scheduler or outbox: what
 * they share is only the database, as two gateways behind a load balancer do.
 */
const silent = pino({ level: 'silent' });
const dataDir = freshDataDir('job-lease');
const opened: Database[] = [];
let gatewayA: Database;
let gatewayB: Database;

async function gateway(database: string): Promise<Database> {
  const db = await openDatabase(testConfig(dataDir, { CLICKHOUSE_DATABASE: database }));
  opened.push(db);
  return db;
}

beforeAll(async () => {
  gatewayA = await gateway('yorozu_leases');
  gatewayB = await gateway('yorozu_leases');
  await runMigrations(gatewayA, undefined, undefined, new ClickHouseLeases(gatewayA.client, { holder: 'gateway-a' }));
  await ensureLeaseTable(gatewayA);
});

afterAll(async () => {
  for (const db of opened) await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function countingJob(
  name: string,
  runs: { gateway: string; slot: string }[],
  gatewayName: string,
  gate?: Promise<void>,
) {
  return {
    name,
    cron: '*/5 * * * *',
    description: 'counts its runs',
    async run(now: Date) {
      runs.push({ gateway: gatewayName, slot: now.toISOString() });
      await gate;
      return { ran: 1 };
    },
  };
}

describe('two job runners contending for a lease in ClickHouse', () => {
  it('exactly one of them runs each tick of a job', async () => {
    const runs: { gateway: string; slot: string }[] = [];
    const a = new JobScheduler(
      [countingJob('tick-job', runs, 'a')],
      silent,
      new ClickHouseLeases(gatewayA.client, { holder: 'gateway-a' }),
    );
    const b = new JobScheduler(
      [countingJob('tick-job', runs, 'b')],
      silent,
      new ClickHouseLeases(gatewayB.client, { holder: 'gateway-b' }),
    );
    const base = Date.UTC(2026, 10, 24, 0, 0, 0);
    const outcomes: JobRun[] = [];
    for (let tick = 0; tick < 12; tick += 1) {
      const slot = new Date(base + tick * 5 * 60_000);
      // Both gateways' cron fire for the same tick at once.
      outcomes.push(...(await Promise.all([a.runNow('tick-job', slot, slot), b.runNow('tick-job', slot, slot)])));
    }
    const slots = runs.map((run) => run.slot);
    expect(slots).toHaveLength(12);
    expect(new Set(slots).size).toBe(12);
    expect(outcomes.filter((run) => run.result).length).toBe(12);
    expect(outcomes.filter((run) => run.skipped).length).toBe(12);
    expect(outcomes.every((run) => run.error === undefined)).toBe(true);
    // A tick already run is not run again by a gateway whose cron fired late.
    const late = await b.runNow('tick-job', new Date(base), new Date(base));
    expect(late.skipped).toMatch(/already run/);
    expect(runs).toHaveLength(12);
  });

  it('a run still going on one gateway keeps the other from starting it, and frees the job when it ends', async () => {
    const runs: { gateway: string; slot: string }[] = [];
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const a = new JobScheduler(
      [countingJob('long-job', runs, 'a', gate)],
      silent,
      new ClickHouseLeases(gatewayA.client, { holder: 'gateway-a', ttlMs: 6000 }),
    );
    const b = new JobScheduler(
      [countingJob('long-job', runs, 'b')],
      silent,
      new ClickHouseLeases(gatewayB.client, { holder: 'gateway-b', ttlMs: 6000 }),
    );
    const first = a.runNow('long-job', new Date(), new Date(Date.UTC(2026, 10, 24, 1, 0)));
    await expect.poll(() => runs.length).toBe(1);
    // A renews its lease while it works (a new term every third of the TTL), so B never gets it.
    const termOfLongJob = async () => {
      const result = await gatewayB.client.query({
        query: "SELECT max(term) AS latest FROM leases WHERE name = 'job:long-job'",
        format: 'JSONEachRow',
      });
      return Number((await result.json<{ latest: string }>())[0]!.latest);
    };
    await expect.poll(termOfLongJob, { timeout: 20_000, interval: 200 }).toBeGreaterThanOrEqual(3);
    for (let tick = 1; tick <= 5; tick += 1) {
      const slot = new Date(Date.UTC(2026, 10, 24, 1, tick));
      const other = await b.runNow('long-job', slot, slot);
      expect(other.skipped).toMatch(/held by gateway-a/);
    }
    finish();
    expect((await first).result).toEqual({ ran: 1 });
    const next = new Date(Date.UTC(2026, 10, 24, 1, 10));
    expect((await b.runNow('long-job', next, next)).result).toEqual({ ran: 1 });
    expect(runs.map((run) => run.gateway)).toEqual(['a', 'b']);
  });

  it('a lease whose holder died lapses after its TTL on the engine clock, and then another gateway takes it', async () => {
    // Gateways that took a lease and were killed: their last term, never renewed nor released.
    const killedHolding = (job: string, ttlMs: number) =>
      gatewayA.client.command({
        query:
          'INSERT INTO leases (name, term, holder, slot, expires_at, write_id) ' +
          "SELECT {name:String}, 1, 'killed-gateway', toDateTime64(0, 3, 'UTC'), now64(3) + toIntervalMillisecond({ttl:UInt32}), generateUUIDv4()",
        query_params: { name: `job:${job}`, ttl: ttlMs },
      });
    await killedHolding('crashed-recently', 3_600_000);
    await killedHolding('crashed-job', 500);
    const runs: { gateway: string; slot: string }[] = [];
    const b = new JobScheduler(
      [countingJob('crashed-recently', runs, 'b'), countingJob('crashed-job', runs, 'b')],
      silent,
      new ClickHouseLeases(gatewayB.client, { holder: 'gateway-b' }),
    );
    expect(await b.runNow('crashed-recently')).toMatchObject({
      skipped: expect.stringMatching(/held by killed-gateway/),
    });
    await expect
      .poll(async () => (await b.runNow('crashed-job')).result, { timeout: 15_000, interval: 100 })
      .toEqual({ ran: 1 });
    expect(runs.map((run) => run.gateway)).toEqual(['b']);
  });
});

describe('two gateways migrating one database', () => {
  it('one takes the migration lock and applies every file once; the other waits and finds them applied', async () => {
    const a = await gateway('yorozu_migrate_race');
    const b = await gateway('yorozu_migrate_race');
    const [first, second] = await Promise.all([
      runMigrations(a, undefined, undefined, new ClickHouseLeases(a.client, { holder: 'gateway-a' })),
      runMigrations(b, undefined, undefined, new ClickHouseLeases(b.client, { holder: 'gateway-b' })),
    ]);
    const files = readMigrationFiles().length;
    expect(first.applied.length + second.applied.length).toBe(files);
    expect(first.skipped + second.skipped).toBe(files);
    expect([first.applied.length, second.applied.length].sort((x, y) => x - y)).toEqual([0, files]);
    const recorded = await a.client.query({
      query: 'SELECT count() AS rows, uniqExact(version) AS versions FROM schema_migrations',
      format: 'JSONEachRow',
    });
    expect(await recorded.json()).toEqual([{ rows: String(files), versions: String(files) }]);
  });
});

describe('two gateways delivering one outbox', () => {
  it('every queued mail reaches the relay exactly once', async () => {
    const received: string[] = [];
    const relay = new SmtpListener(
      { host: '127.0.0.1', port: 0, hostname: 'mx.example.jp', maxMessageBytes: 1024 * 1024 },
      async (mail) => {
        received.push((await parseInboundMail(mail.raw, mail.envelopeFrom)).messageId);
      },
      silent,
    );
    const { port } = await relay.start();
    const senders: MailSender[] = [];
    try {
      const claimVia =
        (leases: ClickHouseLeases): DeliveryClaim =>
        async (mailId) => {
          const claim = await leases.acquire(`mail:${mailId}`);
          return claim.held ? claim.lease : undefined;
        };
      const senderOf = (url: string) => {
        const sender = new MailSender(url, silent);
        senders.push(sender);
        return sender;
      };
      const outboxOf = (db: Database, holder: string) =>
        new MailOutbox(
          db.client,
          senderOf(`smtp://127.0.0.1:${port}`),
          'Yorozu <desk@yorozu.localhost>',
          'yorozu.localhost',
          silent,
          claimVia(new ClickHouseLeases(db.client, { holder })),
        );
      const a = outboxOf(gatewayA, 'gateway-a');
      const b = outboxOf(gatewayB, 'gateway-b');
      const ticket = {
        ticket_id: randomUUID(),
        participant_id: randomUUID(),
        reference: 'YZ-ABCD1234',
        subject: 'リース',
      };
      const mails = 8;
      // A queues (and at once tries to send) each mail while B's desk job and A's own job deliver too.
      await Promise.all([
        ...Array.from({ length: mails }, (_, n) =>
          a.queue({
            key: `lease-test:${n}`,
            kind: 'status',
            ticket,
            recipients: ['user@example.jp'],
            text: `mail ${n}`,
          }),
        ),
        b.deliver(),
        a.deliver(),
        b.deliver(),
      ]);
      await Promise.all([a.deliver(), b.deliver()]);
      await expect.poll(() => received.length, { timeout: 15_000 }).toBe(mails);
      await Promise.all([a.deliver(), b.deliver()]);
      expect(received).toHaveLength(mails);
      expect(new Set(received).size).toBe(mails);
    } finally {
      // Pooled SMTP connections closed first, so the relay stops without waiting for idle clients.
      for (const sender of senders) await sender.close();
      await relay.stop();
    }
  });
});
