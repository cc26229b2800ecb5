import { z } from 'zod';
import { NOTICE_CHANNELS } from '../notices/rules/deemed-delivery.js';
import { ApiError } from '../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../api/route-table.js';
import type { JobRunner } from '../common/scheduled-job.js';
import { jstDateOf } from '../common/jst-time.js';
import { SERVICE_SUSPENSION_REASON_CODES } from './rules/reason-codes.js';
import type { ServicePeriods } from './service-periods.js';
import * as contract from '../contract/index.js';

/** The trial period (art. 1, 19), suspensions of the service (art. 8) and the scheduled jobs. */
export function serviceRoutes(routes: RouteTable, periods: ServicePeriods, jobs: JobRunner): void {
  const tag = 'service (operator)';
  const date = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
  const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with offset' });

  routes.add({
    method: 'get',
    path: '/api/v1/trial',
    response: contract.trialAnswer,
    scope: 'signed_in',
    tag,
    summary: 'The trial period in force',
    async handler() {
      return { trial: (await periods.trial()) ?? null };
    },
  });

  routes.add({
    method: 'put',
    path: '/api/v1/admin/trial',
    response: contract.trialAnswer,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Set or move the trial period (art. 1); every participant is told',
    body: z.object({ startsOn: date, endsOn: date.nullable(), note: z.string().max(2000).default('') }),
    async handler(c, { body }) {
      return { trial: await periods.setTrial(body.startsOn, body.endsOn, body.note, callerOf(c).loginName) };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/trial/stop',
    response: contract.trialAnswer,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      "Stop the whole trial (art. 19): it ends on lastDay (default today, JST) and the end-of-use job ends everyone's use the next day",
    body: z.object({ lastDay: date.optional(), reason: z.string().trim().min(1).max(2000) }),
    async handler(c, { body }) {
      const lastDay = body.lastDay ?? jstDateOf(new Date());
      return { trial: await periods.stopTrial(lastDay, body.reason, callerOf(c).loginName) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/service-suspensions',
    response: contract.suspensionList,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Suspensions of the service, planned, in effect and past',
    async handler() {
      return { suspensions: await periods.list() };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/service-suspensions/earliest-start',
    response: contract.suspensionLeadTime,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      'The earliest start of a planned suspension announced now: the lead time in business days (art. 8 (2)) and the grounds an urgent one needs',
    handler() {
      return periods.leadTime();
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/service-suspensions',
    response: contract.suspensionList,
    scope: 'participant',
    tag: 'service',
    summary:
      "Suspensions of the service (art. 8) that concern the participant, upcoming, in effect and past: the fleet's and its own",
    params: z.object({ participantId: uuidParam }),
    async handler(_c, { params }) {
      const all = await periods.list();
      return { suspensions: all.filter((s) => s.scope === 'all' || s.participant_id === params.participantId) };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/service-suspensions',
    response: contract.suspensionAnswer,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      'Suspend the service for everyone or one participant (art. 8): announced ahead, or at once when urgent; agents are told to pause',
    successStatus: 201,
    body: z.object({
      participantId: uuidParam.nullable().default(null),
      reasonCode: z.enum(SERVICE_SUSPENSION_REASON_CODES),
      note: z.string().max(2000).default(''),
      urgent: z.boolean().default(false),
      startsAt: instant.optional(),
      endsAt: instant.optional(),
      channels: z.array(z.enum(NOTICE_CHANNELS)).min(1).optional(),
    }),
    async handler(c, { body }) {
      const suspension = await periods.suspend(
        {
          participantId: body.participantId,
          reasonCode: body.reasonCode,
          note: body.note,
          urgent: body.urgent,
          ...(body.startsAt ? { startsAt: new Date(body.startsAt) } : {}),
          ...(body.endsAt ? { endsAt: new Date(body.endsAt) } : {}),
          ...(body.channels ? { channels: body.channels } : {}),
        },
        callerOf(c).loginName,
      );
      return { suspension };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/service-suspensions/:suspensionId/end',
    response: contract.suspensionAnswer,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'End a suspension now (or cancel a planned one); agents are told to resume',
    params: z.object({ suspensionId: uuidParam }),
    async handler(c, { params }) {
      return { suspension: await periods.endSuspension(params.suspensionId, callerOf(c).loginName) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/jobs',
    response: contract.jobList,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Scheduled jobs: schedule (JST), last run and its result',
    handler() {
      return { jobs: jobs.status() };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/jobs/:name/run',
    response: contract.jobRunAnswer,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Run a scheduled job now and return its result',
    params: z.object({ name: z.string().min(1).max(100) }),
    async handler(c, { params }) {
      if (!jobs.has(params.name))
        throw new ApiError(404, 'not_found', `No job named ${params.name}; see GET /api/v1/admin/jobs.`);
      return { job: params.name, run: await jobs.runNow(params.name) };
    },
  });
}
