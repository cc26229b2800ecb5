import { z } from 'zod';
import { ApiError } from '../../api/errors.js';
import { callerOf, type RouteTable } from '../../api/route-table.js';
import * as contract from '../../contract/index.js';
import type { NoticeCentre } from '../notice-centre.js';
import { NOTICE_TEXTS } from '../notice-texts.js';
import type { TermsDocuments } from './terms-documents.js';

/**
 * The terms as published documents (art. 2): anyone reads the version in force and every past and
 * coming version; an operator publishes a new version with a future effective date, and every
 * participant is told by notice (web + e-mail) ahead of that date.
 */
const versionParam = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[0-9A-Za-z._-]+$/, 'letters, digits, ".", "_" or "-"');

export function termsRoutes(
  routes: RouteTable,
  terms: TermsDocuments,
  centre: NoticeCentre,
  publicUrl: () => string,
): void {
  const tag = 'terms';

  routes.add({
    method: 'get',
    path: '/api/v1/terms/versions',
    scope: 'public',
    tag,
    summary: 'The terms version in force and every version (past and coming) with its effective date and what changed',
    response: contract.termsVersions,
    async handler() {
      return { inForce: await terms.inForce(), versions: await terms.versions() };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/terms/versions/:version',
    scope: 'public',
    tag,
    summary: 'One terms version with its full text (Japanese)',
    response: contract.termsDocument,
    params: z.object({ version: versionParam }),
    async handler(_c, { params }) {
      const document = await terms.document(params.version);
      if (!document) throw new ApiError(404, 'not_found', `No terms version ${params.version}.`);
      return { terms: document };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/terms',
    scope: 'operator',
    tag,
    summary:
      'Publish a new terms version taking effect on a future date; every participant is told at once (art. 2, 21)',
    successStatus: 201,
    participantData: 'none',
    response: contract.termsPublished,
    body: z.object({
      version: versionParam,
      effectiveOn: z.iso.date({ message: 'must be a date YYYY-MM-DD' }),
      titleJa: z.string().trim().min(1).max(300),
      titleEn: z.string().trim().max(300).default(''),
      summaryJa: z.string().trim().min(1).max(5000),
      summaryEn: z.string().trim().max(5000).default(''),
      textJa: z.string().trim().min(1).max(500_000),
    }),
    async handler(c, { body }) {
      const by = callerOf(c).loginName;
      const published = await terms.publish(
        {
          version: body.version,
          effective_on: body.effectiveOn,
          title_ja: body.titleJa,
          title_en: body.titleEn || body.titleJa,
          summary_ja: body.summaryJa,
          summary_en: body.summaryEn || body.summaryJa,
          text_ja: body.textJa,
        },
        by,
      );
      const link = `${publicUrl().replace(/\/$/, '')}/terms?version=${encodeURIComponent(body.version)}`;
      const notice = await centre.send(
        { audience: 'all_participants' },
        'terms_published',
        NOTICE_TEXTS.terms_published({
          version: body.version,
          effectiveOn: body.effectiveOn,
          summaryJa: published.summary_ja,
          summaryEn: published.summary_en,
          link,
        }),
        by,
      );
      return { terms: published, noticeId: notice.notice_id };
    },
  });
}
