import type { ScheduledJob } from '../common/scheduled-job.js';
import type { MailOutcome, NoticeCentre } from './notice-centre.js';

/**
 * Art. 21 (2): an e-mail notice is delivered when the relay accepted it, and the outbox reports
 * that moment to the notice centre as it happens. A report lost on the way — the process stopped
 * between the relay's 250 and the report, or the report failed — would leave the notice pending for
 * ever: this job (and every start) reads the outbox's own record of the last attempt of each mail
 * still pending and reports it again, with the time the relay accepted it.
 */
export interface OutboxRecord {
  /** The last attempt the outbox recorded for a mail, or undefined when none was made yet. */
  lastOutcome(mailId: string): Promise<Omit<MailOutcome, 'kind'> | undefined>;
}

export async function catchUpMailOutcomes(centre: NoticeCentre, outbox: OutboxRecord): Promise<number> {
  let reported = 0;
  for (const delivery of await centre.deliveries.open(10_000)) {
    if (delivery.channel !== 'email' || delivery.state !== 'pending' || !delivery.mail_id) continue;
    const last = await outbox.lastOutcome(delivery.mail_id);
    if (!last || last.outcome === 'failed_retryable') continue;
    await centre.mailOutcome({ ...last, kind: 'notice' });
    reported += 1;
  }
  return reported;
}

export function mailCatchUpJob(centre: NoticeCentre, outbox: OutboxRecord): ScheduledJob {
  return {
    name: 'notice-mail-catch-up',
    cron: '*/5 * * * *',
    description:
      'Reports again the outbox outcome of notice mails still pending (a report lost while the server stopped)',
    async run() {
      return { reported: await catchUpMailOutcomes(centre, outbox) };
    },
  };
}
