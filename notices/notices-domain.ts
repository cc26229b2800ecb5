import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import type { RouteTable } from '../api/route-table.js';
import { DeliveryStore } from './delivery-store.js';
import { NoticeCentre, type NoticeDirectory } from './notice-centre.js';
import { NoticeLinks } from './notice-links.js';
import { noticeRoutes, type NoticeRecipientLookup } from './notice-routes.js';
import { NoticeStore } from './notice-store.js';
import { termsAgreementRoutes } from './terms/terms-agreement-routes.js';
import { TermsAgreements } from './terms/terms-agreements.js';
import { TermsDocuments } from './terms/terms-documents.js';
import { termsRoutes } from './terms/terms-routes.js';
import { SurveyService } from './surveys/survey-service.js';
import { surveyRoutes } from './surveys/survey-routes.js';
import { SurveyStore } from './surveys/survey-store.js';

export type NoticesDomain = ReturnType<typeof createNoticesDomain>;

/**
 * Assembles the notice centre. Its mail goes through the desk's outbox and its recipients come from
 * the participants' register; server/ connects both (domains do not import each other).
 */
export function createNoticesDomain(deps: {
  client: ClickHouseClient;
  logger: Logger;
  publicUrl: () => string;
  /** HTML → PDF by the shared headless Chromium (created later by the health domain; undefined without Chromium). */
  renderPdf?: () => ((html: string) => Promise<Buffer>) | undefined;
}) {
  let directory: (NoticeDirectory & NoticeRecipientLookup) | undefined;
  const centre = new NoticeCentre(
    new NoticeStore(deps.client),
    new DeliveryStore(deps.client),
    new NoticeLinks(deps.client),
    {
      directory: () => directory,
      publicUrl: deps.publicUrl,
      logger: deps.logger,
    },
  );
  const terms = new TermsDocuments(deps.client);
  const agreements = new TermsAgreements(deps.client, terms, async (participantId) => {
    if (!directory) throw new Error('the notice centre has no participant register connected');
    return (await directory.participant(participantId))?.termsVersion ?? '';
  });
  const surveys = new SurveyService(new SurveyStore(deps.client), centre, () => directory, deps.publicUrl);
  return {
    centre,
    terms,
    agreements,
    surveys,
    connectDirectory(register: NoticeDirectory & NoticeRecipientLookup): void {
      directory = register;
    },
    registerRoutes(routes: RouteTable): void {
      termsRoutes(routes, terms, centre, deps.publicUrl);
      termsAgreementRoutes(routes, agreements);
      surveyRoutes(routes, surveys);
      noticeRoutes(
        routes,
        centre,
        {
          participant: async (participantId) => {
            if (!directory) throw new Error('the notice centre has no participant register connected');
            return directory.participant(participantId);
          },
        },
        deps.renderPdf,
      );
    },
  };
}
