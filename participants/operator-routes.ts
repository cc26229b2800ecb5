import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { SpooledUpload } from '../api/multipart-spool.js';
import { ApiError } from '../api/errors.js';
import { callerOf, uuidParam, type HandlerResult, type RouteTable } from '../api/route-table.js';
import type { DeviceStore } from '../ingest/device-store.js';
import type { AccountService } from './account-service.js';
import type { Applications } from './applications.js';
import { registeredDetails } from './application-routes.js';
import type { ParticipantStore } from './participant-store.js';
import type { ParticipationEnd } from './participation-end.js';
import { PARTICIPANT_STATUSES, participantMayEnrollDevices } from './rules/lifecycle.js';
import { REJECTION_REASON_CODES, REVOCATION_REASON_CODES } from './rules/reason-codes.js';
import * as contract from '../contract/index.js';

/**
 * The operators' side of the lifecycle (terms art. 3-7, 9, 12): the application queue and its
 * decisions, set-up (start date, enrollment secrets, participant users), withdrawal, revocation,
 * succession and per-participant end dates. Each decision is recorded with who, when and why.
 */
export interface OperatorRouteDeps {
  store: ParticipantStore;
  applications: Applications;
  ending: ParticipationEnd;
  accounts: AccountService;
  devices: DeviceStore;
  maxDocumentBytes: number;
}

const participantPath = z.object({ participantId: uuidParam });
const date = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with offset' });
const by = (c: Parameters<typeof callerOf>[0]) => callerOf(c).loginName;

export function operatorLifecycleRoutes(routes: RouteTable, deps: OperatorRouteDeps): void {
  const { store, applications, ending, accounts, devices } = deps;
  const tag = 'lifecycle (operator)';

  routes.add({
    method: 'get',
    path: '/api/v1/admin/participants',
    response: contract.participantList,
    scope: 'operator',
    participantData: 'recorded',
    audit: 'participant list (registered details)',
    tag,
    summary:
      'Participants and applications, optionally by status (the application queue: status=applied,awaiting_applicant)',
    query: z.object({ status: z.string().optional() }),
    async handler(c, { query, recordAccess }) {
      const statuses = (query.status ?? '').split(',').filter(Boolean);
      const unknown = statuses.filter((s) => !(PARTICIPANT_STATUSES as readonly string[]).includes(s));
      if (unknown.length > 0)
        throw new ApiError(
          400,
          'invalid_request',
          `Unknown status ${unknown.join(', ')}; use ${PARTICIPANT_STATUSES.join(', ')}.`,
        );
      const participants = await store.listParticipants(statuses as (typeof PARTICIPANT_STATUSES)[number][]);
      await recordAccess(participants.map((participant) => participant.participant_id));
      return { participants };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/participants',
    response: contract.registered,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Register a participant directly (approved and started today), without the application form',
    successStatus: 201,
    body: registeredDetails.partial().required({ organisation: true }),
    async handler(c, { body }) {
      const participantId = await applications.registerDirectly(body, by(c));
      return { participantId, name: body.organisation };
    },
  });

  /** A decision answers the participant as it now is (or what ending it did): participant data, so recorded. */
  const decision = <R extends z.ZodType>(
    path: string,
    summary: string,
    body: z.ZodObject,
    response: R,
    act: (participantId: string, body: never, who: string) => Promise<z.input<R>>,
  ) =>
    routes.add({
      method: 'post',
      path: `/api/v1/admin/participants/:participantId/${path}`,
      response,
      scope: 'operator',
      participantData: 'recorded',
      tag,
      summary,
      params: participantPath,
      body,
      async handler(c, input) {
        const result = await act(input.params.participantId, input.body as never, by(c));
        await input.recordAccess([input.params.participantId]);
        return result as HandlerResult<R>;
      },
    });

  decision(
    'request-answer',
    'Ask the applicant a question with a deadline; unanswered by then, the application lapses (art. 3 (4))',
    z.object({ question: z.string().trim().min(1).max(5000), deadline: instant }),
    contract.participant,
    (id, body: { question: string; deadline: string }, who) =>
      applications.requestAnswer(id, body.question, new Date(body.deadline), who),
  );
  decision(
    'approve',
    'Approve the application (art. 3): the participant exists from now',
    z.object({ note: z.string().max(2000).default('') }),
    contract.participant,
    (id, body: { note: string }, who) => applications.approve(id, body.note, who),
  );
  decision(
    'reject',
    'Reject the application with one of the six reason codes of art. 3; the applicant is told',
    z.object({ reasonCode: z.enum(REJECTION_REASON_CODES), note: z.string().max(2000).default('') }),
    contract.participant,
    (id, body: { reasonCode: (typeof REJECTION_REASON_CODES)[number]; note: string }, who) =>
      applications.reject(id, body.reasonCode, body.note, who),
  );
  decision(
    'start',
    'Start the service after set-up; records the start date (利用開始日) and tells the participant',
    z.object({ startDate: date }),
    contract.participant,
    (id, body: { startDate: string }, who) => applications.start(id, body.startDate, who),
  );
  decision(
    'complete-withdrawal',
    'Complete a withdrawal the participant asked for (art. 6): agents revoked and told to uninstall, accounts suspended, deletion deadline recorded',
    z
      .object({
        agreedDeletionDate: date.optional(),
        agreedWith: z.string().trim().min(1).max(200).optional(),
        agreedAt: instant.optional(),
      })
      .refine((b) => !b.agreedDeletionDate || b.agreedWith, {
        message: "an agreed deletion date needs agreedWith: who agreed on the participant's side (art. 16)",
        path: ['agreedWith'],
      }),
    contract.endingSummary,
    (id, body: { agreedDeletionDate?: string; agreedWith?: string; agreedAt?: string }, who) =>
      ending.withdrawals.complete(
        id,
        body.agreedDeletionDate
          ? {
              date: body.agreedDeletionDate,
              agreedWith: body.agreedWith!,
              agreedAt: body.agreedAt ? new Date(body.agreedAt) : new Date(),
            }
          : undefined,
        who,
      ),
  );

  routes.add({
    method: 'put',
    path: '/api/v1/admin/participants/:participantId/deletion-deadline',
    response: contract.deletionDeadlineSet,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      'Record a deletion date agreed with the participant (art. 16), with who agreed and when; any time until the deadline in force comes. null returns to the default',
    params: participantPath,
    body: z.object({
      agreed: z.object({ date, agreedWith: z.string().trim().min(1).max(200), agreedAt: instant }).nullable(),
    }),
    async handler(c, { params, body }) {
      const agreed = body.agreed
        ? { date: body.agreed.date, agreedWith: body.agreed.agreedWith, agreedAt: new Date(body.agreed.agreedAt) }
        : null;
      const updated = await ending.deletionDeadlines.set(params.participantId, agreed, by(c));
      return {
        participantId: params.participantId,
        deletionDeadline: updated.deletion_deadline,
        basis: updated.deletion_basis || null,
        agreedWith: updated.deletion_agreed_with,
        agreedAt: updated.deletion_agreed_at,
      };
    },
  });
  decision(
    'revoke',
    'Revoke participation or an approval (art. 3, 7): with prior notice (effectiveAt), or at once for emergency / organised_crime',
    z.object({
      reasonCode: z.enum(REVOCATION_REASON_CODES),
      withNotice: z.boolean(),
      effectiveAt: instant.optional(),
      note: z.string().max(2000).default(''),
    }),
    contract.revocationResult,
    (
      id,
      body: {
        reasonCode: (typeof REVOCATION_REASON_CODES)[number];
        withNotice: boolean;
        effectiveAt?: string;
        note: string;
      },
      who,
    ) =>
      ending.revocations.revoke(
        id,
        {
          reasonCode: body.reasonCode,
          withNotice: body.withNotice,
          note: body.note,
          ...(body.effectiveAt ? { effectiveAt: new Date(body.effectiveAt) } : {}),
        },
        who,
      ),
  );

  routes.add({
    method: 'put',
    path: '/api/v1/admin/participants/:participantId/end-date',
    response: contract.endDateSet,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: "Set or clear this participant's own end of use (art. 9); the end-of-use job acts on the next JST day",
    params: participantPath,
    body: z.object({ endDate: date.nullable() }),
    async handler(c, { params, body }) {
      const current = await store.findParticipant(params.participantId);
      if (!current) throw new ApiError(404, 'not_found', `No participant ${params.participantId}.`);
      const updated = await applications.setEndDate(params.participantId, body.endDate, by(c));
      return { participantId: params.participantId, endDate: updated.end_date };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/participants/:participantId/succession',
    response: contract.successionRecorded,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      'Record a succession on merger or split (art. 4) with the documents proving it; devices move to the successor',
    successStatus: 201,
    params: participantPath,
    bodyKind: 'multipart',
    body: z.object({
      kind: z.enum(['merger', 'split']),
      effectiveOn: date,
      note: z.string().max(2000).default(''),
      successorId: uuidParam.optional(),
      successorOrganisation: z.string().trim().min(1).max(200).optional(),
      successorContactEmail: z.email().optional(),
      documents: z.union([z.instanceof(SpooledUpload), z.array(z.instanceof(SpooledUpload))], {
        message: 'attach at least one document proving the succession (field "documents")',
      }),
    }),
    async handler(c, { params, body }) {
      const files = Array.isArray(body.documents) ? body.documents : [body.documents];
      if (files.length === 0)
        throw new ApiError(400, 'invalid_request', 'Attach at least one document proving the succession (art. 4).');
      for (const file of files) {
        if (file.size > deps.maxDocumentBytes)
          throw new ApiError(
            413,
            'payload_too_large',
            `The document "${file.name}" has ${file.size} bytes; the limit is ${deps.maxDocumentBytes} bytes.`,
          );
      }
      if (!body.successorId && !body.successorOrganisation)
        throw new ApiError(
          400,
          'invalid_request',
          'Name the successor: successorId of an existing participant, or successorOrganisation for a new one.',
        );
      const successor = body.successorId
        ? { participantId: body.successorId }
        : {
            newOrganisation: {
              organisation: body.successorOrganisation!,
              representative: '',
              address: '',
              phone: '',
              contactName: '',
              contactEmail: body.successorContactEmail ?? '',
            },
          };
      const result = await ending.successions.record(
        params.participantId,
        successor,
        { kind: body.kind, effectiveOn: body.effectiveOn, note: body.note },
        by(c),
      );
      const documents = [];
      for (const file of files) {
        // Within maxDocumentBytes (checked above), so reading it whole is bounded.
        const bytes = await readFile(file.path);
        const stored = await store.addDocument({
          participantId: result.successorId,
          subject: 'succession',
          subjectId: result.successionId,
          filename: file.name,
          contentType: file.type || 'application/octet-stream',
          bytes,
          uploadedBy: by(c),
        });
        documents.push({ ...stored, filename: file.name, sizeBytes: bytes.length });
      }
      return { ...result, documents };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/participants/:participantId/enrollment-secrets',
    response: contract.enrollmentSecret,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: "Create an enrollment secret for this participant's agents (shown once)",
    successStatus: 201,
    params: participantPath,
    body: z.object({ label: z.string().max(200).default(''), expiresAt: instant.optional() }).default({ label: '' }),
    async handler(c, { params, body }) {
      const participant = await store.findParticipant(params.participantId);
      if (!participant) throw new ApiError(404, 'not_found', `No participant ${params.participantId}.`);
      if (!participantMayEnrollDevices(participant.status))
        throw new ApiError(
          409,
          'invalid_transition',
          `The participant is "${participant.status}"; agents can enroll only once it is approved and until it leaves.`,
        );
      const secret = await devices.createEnrollmentSecret(
        params.participantId,
        body.label,
        by(c),
        body.expiresAt ? new Date(body.expiresAt) : undefined,
      );
      return { secretId: secret.secretId, secret: secret.token, note: 'Shown once; only its hash is stored.' };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/participants/:participantId/users',
    response: contract.userIssued,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      'Issue an account to a participant user (art. 12); a generated password is shown once and must be changed at first sign-in',
    successStatus: 201,
    params: participantPath,
    body: z.object({
      loginName: z.string().min(1).max(64),
      displayName: z.string().trim().min(1).max(200),
      email: z.email(),
    }),
    async handler(c, { params, body }) {
      const participant = await store.findParticipant(params.participantId);
      if (!participant) throw new ApiError(404, 'not_found', `No participant ${params.participantId}.`);
      if (!participantMayEnrollDevices(participant.status))
        throw new ApiError(
          409,
          'invalid_transition',
          `The participant is "${participant.status}"; accounts are issued once it is approved and until it leaves.`,
        );
      const created = await accounts.createAccount(
        { ...body, role: 'participant_user', participantId: params.participantId },
        by(c),
      );
      return {
        account: created.account,
        initialPassword: created.password,
        note: 'Shown once; the user must change it at first sign-in.',
      };
    },
  });
}
