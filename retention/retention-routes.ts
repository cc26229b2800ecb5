import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { fileDownload } from '../api/file-download.js';
import { callerOf, rawResponse, uuidParam, type RouteTable } from '../api/route-table.js';
import * as contract from '../contract/index.js';
import type { DeletionStore } from './deletion-store.js';
import type { ParticipantDeletion } from './participant-deletion.js';

/**
 * The operators' side of art. 16: the deletion calendar, a participant's dry run and run, its
 * steps, and the certificate (JSON exactly as hashed, and the PDF). The deadline itself is set
 * through the participants domain (PUT …/deletion-deadline), which owns the lifecycle.
 */
const participantPath = z.object({ participantId: uuidParam });
const tag = 'data deletion (operator)';

export function retentionRoutes(
  routes: RouteTable,
  deps: { store: DeletionStore; deletion: ParticipantDeletion; defaultRetentionDays: number },
): void {
  const { store, deletion } = deps;

  routes.add({
    method: 'get',
    path: '/api/v1/admin/deletions',
    response: contract.deletionCalendar,
    scope: 'operator',
    participantData: 'recorded',
    audit: 'deletion calendar',
    tag,
    summary:
      "The deletion calendar: every deadline (default or agreed, with whom and when), and each deletion run's last step",
    async handler(_c, { recordAccess }) {
      const entries = (await store.calendar()) as z.input<typeof contract.deletionCalendar>['entries'];
      await recordAccess([...new Set(entries.map((entry) => entry.participant_id))]);
      return { defaultRetentionDays: deps.defaultRetentionDays, entries };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/participants/:participantId/deletion/dry-run',
    response: contract.deletionPreview,
    scope: 'operator',
    participantData: 'recorded',
    audit: 'deletion dry run',
    tag,
    summary: 'Dry run: the tables and files the deletion would touch, their counts and statements; nothing is deleted',
    params: participantPath,
    async handler(_c, { params, recordAccess }) {
      await recordAccess([params.participantId]);
      return deletion.preview(params.participantId);
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/participants/:participantId/deletion/run',
    response: contract.deletionOutcome,
    scope: 'operator',
    participantData: 'recorded',
    audit: 'deletion run',
    tag,
    summary:
      "Delete the participant's data now (it must have left), verify and certify; needs the dry run's confirmation, or finishes an unfinished run",
    params: participantPath,
    body: z.object({ confirmation: z.string().max(64).default('') }),
    async handler(c, { params, body, recordAccess }) {
      await recordAccess([params.participantId]);
      return deletion.runConfirmed(params.participantId, body.confirmation, callerOf(c).loginName);
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/participants/:participantId/deletion',
    response: contract.deletionSteps,
    scope: 'operator',
    participantData: 'recorded',
    audit: 'deletion steps',
    tag,
    summary: "The participant's deletion runs, step by step, and its certificate's hash",
    params: participantPath,
    async handler(_c, { params, recordAccess }) {
      await recordAccess([params.participantId]);
      const steps = await store.steps(params.participantId);
      const certificate = await store.certificate(params.participantId);
      return {
        steps: steps.map(({ detail, ...step }) => ({ ...step, detail: step.step === 'started' ? '' : detail })),
        certificate: certificate
          ? {
              certificateId: certificate.certificate_id,
              runId: certificate.run_id,
              issuedAt: certificate.issued_at,
              sha256: certificate.sha256,
              hasPdf: certificate.pdf !== '',
              mailId: certificate.mail_id,
            }
          : null,
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/participants/:participantId/deletion/certificate',
    response: rawResponse('The deletion certificate (JSON as hashed, or PDF)', 'application/json', 'application/pdf'),
    scope: 'operator',
    participantData: 'recorded',
    audit: 'deletion certificate',
    tag,
    summary: 'The deletion certificate: ?format=json (the exact bytes its SHA-256 covers) or pdf',
    params: participantPath,
    query: z.object({ format: z.enum(['json', 'pdf']).default('json') }),
    async handler(c, { params, query, recordAccess }) {
      await recordAccess([params.participantId]);
      const certificate = await store.certificate(params.participantId);
      if (!certificate) throw new ApiError(404, 'not_found', `No deletion certificate for ${params.participantId}.`);
      if (query.format === 'pdf') {
        if (!certificate.pdf)
          throw new ApiError(
            404,
            'not_found',
            'This certificate was issued without a PDF (no Chromium on the server); the JSON is the certificate.',
          );
        const bytes = Buffer.from(certificate.pdf, 'base64');
        return fileDownload(c, {
          filename: 'deletion-certificate.pdf',
          contentType: 'application/pdf',
          sha256: createHash('sha256').update(bytes).digest('hex'),
          bytes,
        });
      }
      return fileDownload(c, {
        filename: 'deletion-certificate.json',
        contentType: 'application/json',
        sha256: certificate.sha256,
        bytes: Buffer.from(certificate.json, 'utf8'),
      });
    },
  });
}
