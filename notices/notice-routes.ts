import { createHash } from 'node:crypto';
import { z } from 'zod';
import { fileDownload } from '../api/file-download.js';
import { postalLetterHtml } from './postal-letter.js';
import { ApiError } from '../api/errors.js';
import { callerOf, rawResponse, uuidParam, type RouteTable } from '../api/route-table.js';
import * as contract from '../contract/index.js';
import { startOfJstDay } from '../common/jst-time.js';
import { summaryOf, type NoticeCentre } from './notice-centre.js';
import { noticeLinkPage } from './notice-page.js';
import type { NoticeAddress } from './notice-store.js';
import { NOTICE_TEXTS } from './notice-texts.js';
import { NOTICE_CHANNELS } from './rules/deemed-delivery.js';

/**
 * The notice centre's routes: operators write free-form notices and enter postal arrivals and see
 * which deliveries are pending or failed; anyone with a link from a notice mail reads that
 * participant's notices (read-only, no account) for as long as its data is kept.
 */
export interface NoticeRecipientLookup {
  participant(participantId: string): Promise<
    | {
        participantId: string;
        email: string;
        postalAddress: string;
        termsVersion?: string;
        organisation?: string;
        contactName?: string;
        /** The participant's status (applied, active, …): who may be invited to a survey. */
        status?: string;
      }
    | undefined
  >;
}

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with offset' });
const date = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
const noticePath = z.object({ noticeId: uuidParam });
const tokenPath = z.object({ token: z.string().min(1).max(200) });

const freeFormBody = z.object({
  recipients: z.union([z.literal('all'), z.object({ participantIds: z.array(uuidParam).min(1).max(500) })]),
  subjectJa: z.string().trim().min(1).max(300),
  bodyJa: z.string().trim().min(1).max(20_000),
  subjectEn: z.string().trim().max(300).default(''),
  bodyEn: z.string().trim().max(20_000).default(''),
  channels: z.array(z.enum(NOTICE_CHANNELS)).min(1).default(['web', 'email']),
  statedDeliveryAt: instant.optional(),
});

export function noticeRoutes(
  routes: RouteTable,
  centre: NoticeCentre,
  lookup: NoticeRecipientLookup,
  /** The shared headless Chromium's HTML → PDF (health/report-pdf.ts), when Chromium is there. */
  renderPdf: () => ((html: string) => Promise<Buffer>) | undefined = () => undefined,
): void {
  const tag = 'notices';

  routes.add({
    method: 'get',
    path: '/api/v1/admin/notices',
    scope: 'operator',
    tag,
    summary:
      "Recent notices with each channel's delivery (deemed-delivered time, pending, undelivered), and the deliveries needing attention",
    participantData: 'recorded',
    audit: 'notices and their delivery',
    response: contract.noticeCentre,
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    async handler(c, { query, recordAccess }) {
      const notices = await centre.withDeliveries(await centre.store.recent(query.limit));
      const attention = await centre.deliveries.open();
      await recordAccess([
        ...new Set(
          [...notices.map((n) => n.participant_id), ...attention.map((d) => d.participant_id)].filter(
            (id): id is string => id !== null,
          ),
        ),
      ]);
      return { notices, attention };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/notices',
    scope: 'operator',
    tag,
    summary:
      "Write a notice of one's own (free-form) to some participants or all, by web, e-mail, post and/or other means (art. 21)",
    successStatus: 201,
    participantData: 'none',
    response: contract.noticesSent,
    body: freeFormBody,
    async handler(c, { body }) {
      const text = NOTICE_TEXTS.free_form({
        subject_ja: body.subjectJa,
        body_ja: body.bodyJa,
        subject_en: body.subjectEn || body.subjectJa,
        body_en: body.bodyEn || body.bodyJa,
      });
      const options = {
        channels: body.channels,
        statedDeliveryAt: body.statedDeliveryAt ? new Date(body.statedDeliveryAt) : undefined,
      };
      const by = callerOf(c).loginName;
      if (body.recipients === 'all') {
        const notice = await centre.send({ audience: 'all_participants' }, 'free_form', text, by, options);
        return { notices: [notice.notice_id] };
      }
      const addresses: NoticeAddress[] = [];
      for (const participantId of body.recipients.participantIds) {
        const found = await lookup.participant(participantId);
        if (!found) throw new ApiError(404, 'not_found', `No participant ${participantId}.`);
        addresses.push({
          audience: 'participant',
          participantId,
          email: found.email,
          postalAddress: found.postalAddress,
        });
      }
      const sent: string[] = [];
      for (const address of addresses)
        sent.push((await centre.send(address, 'free_form', text, by, options)).notice_id);
      return { notices: sent };
    },
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/notices/:noticeId/arrival',
    scope: 'operator',
    tag,
    summary:
      'Enter the date a postal notice arrived (art. 21 (3)); it counts as delivered at the end of that day (JST)',
    participantData: 'none',
    response: contract.arrivalRecorded,
    params: noticePath,
    body: z.object({ arrivedOn: date, participantId: uuidParam.optional() }),
    async handler(c, { params, body }) {
      const arrivedAt = new Date(startOfJstDay(body.arrivedOn).getTime() + 86_400_000 - 1);
      if (arrivedAt.getTime() - 86_400_000 > Date.now())
        throw new ApiError(400, 'invalid_request', `The arrival date ${body.arrivedOn} is in the future.`);
      const delivery = await centre.recordArrival(
        params.noticeId,
        body.participantId ?? null,
        arrivedAt,
        callerOf(c).loginName,
      );
      return { noticeId: params.noticeId, delivery: summaryOf(delivery) };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/notices/:noticeId/letter',
    scope: 'operator',
    participantData: 'recorded',
    audit: 'postal letter of a notice',
    tag,
    summary:
      "A notice as a printable A4 letter (PDF, Japanese layout for a window envelope) to the participant's registered address (art. 21 (3))",
    response: rawResponse('The letter as PDF', 'application/pdf'),
    params: noticePath,
    query: z.object({ participantId: uuidParam.optional() }),
    async handler(c, { params, query, recordAccess }) {
      const notice = await centre.store.find(params.noticeId);
      if (!notice) throw new ApiError(404, 'not_found', `No notice ${params.noticeId}.`);
      const participantId = notice.participant_id ?? query.participantId;
      if (!participantId)
        throw new ApiError(
          400,
          'invalid_request',
          'A notice to every participant needs ?participantId= for its letter.',
        );
      const to = await lookup.participant(participantId);
      if (!to) throw new ApiError(404, 'not_found', `No participant ${participantId}.`);
      const address = notice.postal_address || to.postalAddress;
      if (!address.trim())
        throw new ApiError(409, 'no_postal_address', 'The participant has no registered postal address to print.');
      const render = renderPdf();
      if (!render)
        throw new ApiError(503, 'pdf_unavailable', 'No Chromium on this server: the letter cannot be rendered as PDF.');
      await recordAccess([participantId]);
      const bytes = await render(
        postalLetterHtml(
          notice,
          { postalAddress: address, organisation: to.organisation ?? '', contactName: to.contactName ?? '' },
          'ITセキュリティよろず相談窓口',
        ),
      );
      return fileDownload(c, {
        filename: `notice-letter-${notice.notice_id}.pdf`,
        contentType: 'application/pdf',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes,
      });
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/public/notices',
    scope: 'public',
    tag,
    summary: 'Trial-wide notices posted on the web (art. 21 (1)), for anyone, without signing in',
    response: contract.publicNotices,
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    async handler(_c, { query }) {
      return { notices: await centre.store.trialWide(query.limit) };
    },
  });

  const ownerOf = async (token: string) => {
    const participantId = await centre.links.owner(token);
    if (!participantId)
      throw new ApiError(404, 'not_found', 'This link is not valid, or the data it showed has been deleted (art. 16).');
    return participantId;
  };

  routes.add({
    method: 'get',
    path: '/api/v1/notice-links/:token',
    scope: 'public',
    tag,
    summary:
      "The notices of the participant or applicant a notice mail was sent to, read-only, by the token in the mail's link",
    response: contract.noticeList,
    params: tokenPath,
    async handler(c, { params }) {
      const participantId = await ownerOf(params.token);
      return {
        notices: await centre.withDeliveries(await centre.store.forParticipant([participantId]), participantId),
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/notice-links/:token',
    scope: 'public',
    tag,
    summary: 'The page a notice mail links to: the same notices as HTML, Japanese first',
    response: rawResponse('The notices as a read-only HTML page', 'text/html'),
    params: tokenPath,
    async handler(c, { params }) {
      const participantId = await ownerOf(params.token);
      return c.html(noticeLinkPage(await centre.store.forParticipant([participantId])));
    },
  });
}
