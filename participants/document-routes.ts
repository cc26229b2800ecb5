import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { SpooledUpload } from '../api/multipart-spool.js';
import { ApiError } from '../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../api/route-table.js';
import type { ParticipantStore } from './participant-store.js';
import * as contract from '../contract/index.js';

/**
 * The desk files a document about a participant (terms art. 4, 6, 7, 20 (7): an application form, a
 * notice of changed details, a withdrawal form, a letter): stored with its SHA-256, listed and
 * downloaded through the participant's own routes (participant-routes.ts), so the participant sees
 * what the desk keeps about it.
 */
export const DOCUMENT_SUBJECTS = ['registration', 'succession', 'withdrawal', 'revocation', 'other'] as const;

export function documentRoutes(routes: RouteTable, deps: { store: ParticipantStore; maxDocumentBytes: number }): void {
  routes.add({
    method: 'post',
    path: '/api/v1/admin/participants/:participantId/documents',
    response: contract.documentFiled,
    scope: 'operator',
    participantData: 'none',
    tag: 'lifecycle (operator)',
    summary: 'File a document about the participant (multipart field "document"), stored with its SHA-256',
    successStatus: 201,
    params: z.object({ participantId: uuidParam }),
    bodyKind: 'multipart',
    body: z.object({
      subject: z.enum(DOCUMENT_SUBJECTS).default('other'),
      subjectId: z.string().trim().max(200).default(''),
      document: z.instanceof(SpooledUpload, { message: 'attach the file in the field "document"' }),
    }),
    async handler(c, { params, body }) {
      const participant = await deps.store.findParticipant(params.participantId);
      if (!participant) throw new ApiError(404, 'not_found', `No participant ${params.participantId}.`);
      const file = body.document;
      if (file.size > deps.maxDocumentBytes)
        throw new ApiError(
          413,
          'payload_too_large',
          `The document "${file.name}" has ${file.size} bytes; the limit is ${deps.maxDocumentBytes} bytes.`,
        );
      if (file.size === 0) throw new ApiError(400, 'invalid_request', `The document "${file.name}" is empty.`);
      // Within maxDocumentBytes (checked above), so reading it whole is bounded.
      const bytes = await readFile(file.path);
      const stored = await deps.store.addDocument({
        participantId: params.participantId,
        subject: body.subject,
        subjectId: body.subjectId,
        filename: file.name,
        contentType: file.type || 'application/octet-stream',
        bytes,
        uploadedBy: callerOf(c).loginName,
      });
      const [document] = (await deps.store.documentsOf([params.participantId])).filter(
        (d) => d.document_id === stored.documentId,
      );
      if (!document) throw new ApiError(500, 'internal_error', 'The document was stored but could not be read back.');
      return { document };
    },
  });
}
