import { z } from 'zod';
import { rawResponse, type RouteTable } from '../../api/route-table.js';
import { jstMonthOf } from '../../common/jst-time.js';
import * as contract from '../../contract/index.js';
import type { DeskParts } from '../desk-parts.js';
import { slaCsv, ticketsOfSlaMonth } from '../rules/sla-csv.js';
import { breachesOf, summaryByParticipant, warningsOf } from '../rules/sla-report.js';

/** The SLA report of a JST month for operators: as JSON for the desk page, and as CSV for a spreadsheet. */
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
  .optional();

export function slaRoutes(routes: RouteTable, parts: DeskParts): void {
  const { views, store } = parts;
  const allSummaries = async () => views.summaries(await store.tickets([]), 'operator');

  routes.add({
    method: 'get',
    path: '/api/v1/admin/tickets/sla',
    response: contract.slaReport,
    scope: 'operator',
    participantData: 'recorded',
    tag: 'desk',
    summary: 'SLA of a JST month: breaches, warnings and a summary per participant',
    query: z.object({ month }),
    async handler(c, { query, recordAccess }) {
      const chosen = query.month ?? jstMonthOf(new Date());
      const summaries = await allSummaries();
      const breaches = breachesOf(summaries, chosen);
      const warnings = warningsOf(summaries);
      const summary = summaryByParticipant(summaries, chosen);
      await recordAccess([
        ...new Set(
          [...breaches, ...warnings]
            .map((ticket) => ticket.participantId)
            .concat(summary.map((row) => row.participantId)),
        ),
      ]);
      return { month: chosen, breaches, warnings, summary, targets: parts.targets };
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/tickets/sla.csv',
    response: rawResponse(
      "The month's SLA as CSV (Excel-readable UTF-8): a row per ticket opened or breached in it, or per participant",
      'text/csv',
    ),
    scope: 'operator',
    participantData: 'recorded',
    tag: 'desk',
    summary:
      'SLA of a JST month as CSV: table=tickets (default) or participants; lang=ja (default) or en for the headers',
    query: z.object({
      month,
      table: z.enum(['tickets', 'participants']).default('tickets'),
      lang: z.enum(['ja', 'en']).default('ja'),
    }),
    async handler(c, { query, recordAccess }) {
      const chosen = query.month ?? jstMonthOf(new Date());
      const summaries = await allSummaries();
      await recordAccess([...new Set(ticketsOfSlaMonth(summaries, chosen).map((ticket) => ticket.participantId))]);
      c.header('Content-Disposition', `attachment; filename="yorozu-sla-${chosen}-${query.table}.csv"`);
      return c.body(slaCsv(summaries, chosen, query.table, query.lang), 200, {
        'content-type': 'text/csv; charset=utf-8',
      });
    },
  });
}
