import type { ScheduledJob } from '../common/scheduled-job.js';
import type { AccountService } from './account-service.js';
import type { Applications } from './applications.js';
import type { ParticipantStore } from './participant-store.js';
import type { ParticipationEnd } from './participation-end.js';
import type { ServicePeriods } from './service-periods.js';

/**
 * The lifecycle's scheduled work. Every job is idempotent: it acts on what is due at `now` and
 * leaves what is done, so running it often (or twice) is harmless and a missed run catches up.
 */
export function lifecycleJobs(deps: {
  store: ParticipantStore;
  applications: Applications;
  ending: ParticipationEnd;
  accounts: AccountService;
  periods: ServicePeriods;
}): ScheduledJob[] {
  return [
    {
      name: 'application-deadlines',
      cron: '* * * * *',
      description: 'Applications left unanswered past their deadline lapse (art. 3 (4)); the applicant is told.',
      async run(now) {
        const due = await deps.store.idsWhere('lapsed-applications', now);
        for (const participantId of due) await deps.applications.lapse(participantId, 'job:application-deadlines');
        return { lapsed: due.length };
      },
    },
    {
      name: 'scheduled-revocations',
      cron: '* * * * *',
      description: 'Revocations announced with prior notice take effect at their time (art. 7).',
      async run(now) {
        return { revoked: await deps.ending.revocations.applyDue(now) };
      },
    },
    {
      name: 'account-suspensions',
      cron: '* * * * *',
      description: 'Account suspensions announced with prior notice take effect at their time (art. 20).',
      async run(now) {
        return { suspended: await deps.accounts.applyDueSuspensions(now) };
      },
    },
    {
      name: 'service-suspensions',
      cron: '* * * * *',
      description: 'Planned suspensions of the service start and end; agents are told to pause and resume (art. 8).',
      async run(now) {
        return deps.periods.applyDue(now);
      },
    },
    {
      name: 'end-of-use',
      cron: '5 * * * *',
      description:
        "After a participant's end date or the trial's end date (JST), use ends: agents revoked and told to uninstall, accounts suspended, deletion deadline recorded (art. 9, 19).",
      async run(now) {
        return { ended: await deps.ending.applyEndOfUse(now) };
      },
    },
  ];
}
