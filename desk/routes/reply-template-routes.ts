import { z } from 'zod';
import { ApiError } from '../../api/errors.js';
import { callerOf, uuidParam, type RouteTable } from '../../api/route-table.js';
import * as contract from '../../contract/index.js';
import type { DeskParts } from '../desk-parts.js';
import type { ReplyTemplateRow, ReplyTemplateStore } from '../reply-template-store.js';
import { renderTemplate, ticketLanguageOf } from '../rules/reply-templates.js';

/**
 * Answer templates (定型文): operators keep them (both languages in one template) and, on a ticket, get
 * them in the ticket's language with the ticket's reference, subject, organisation and requester filled in.
 */
const localisedText = (what: string, max: number) =>
  z.object({
    ja: z.string().trim().min(1, `the ${what} in Japanese`).max(max),
    en: z.string().trim().min(1, `the ${what} in English`).max(max),
  });
const templateBody = z.object({ title: localisedText('title', 200), body: localisedText('text', 20_000) });
const templatePath = z.object({ templateId: uuidParam });
const ticketPath = z.object({ participantId: uuidParam, ticketId: uuidParam });

const viewOf = (row: ReplyTemplateRow): contract.ReplyTemplate => ({
  templateId: row.template_id,
  title: { ja: row.title_ja, en: row.title_en },
  body: { ja: row.body_ja, en: row.body_en },
  changedAt: row.changed_at,
  changedBy: row.changed_by,
});
const textsOf = (body: z.infer<typeof templateBody>) => ({
  title_ja: body.title.ja,
  title_en: body.title.en,
  body_ja: body.body.ja,
  body_en: body.body.en,
});

export function replyTemplateRoutes(routes: RouteTable, parts: DeskParts, templates: ReplyTemplateStore): void {
  const tag = 'desk';
  const by = (c: Parameters<typeof callerOf>[0]) => {
    const caller = callerOf(c);
    return caller.displayName || caller.loginName;
  };
  const existing = async (templateId: string) => {
    const template = await templates.find(templateId);
    if (!template) throw new ApiError(404, 'template_not_found', 'No such answer template (it may have been removed).');
    return template;
  };
  const list = async () => ({ templates: (await templates.list()).map(viewOf) });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/reply-templates',
    response: contract.replyTemplateList,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'The answer templates (定型文), each in Japanese and English',
    handler: list,
  });

  routes.add({
    method: 'post',
    path: '/api/v1/admin/reply-templates',
    response: contract.replyTemplateList,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary:
      'Add an answer template: title and body in ja and en; the body may name {reference}, {subject}, {organisation}, {requester}',
    successStatus: 201,
    body: templateBody,
    async handler(c, { body }) {
      await templates.save(undefined, textsOf(body), by(c));
      return list();
    },
  });

  routes.add({
    method: 'put',
    path: '/api/v1/admin/reply-templates/:templateId',
    response: contract.replyTemplateList,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Change an answer template',
    params: templatePath,
    body: templateBody,
    async handler(c, { params, body }) {
      await existing(params.templateId);
      await templates.save(params.templateId, textsOf(body), by(c));
      return list();
    },
  });

  routes.add({
    method: 'delete',
    path: '/api/v1/admin/reply-templates/:templateId',
    response: contract.replyTemplateList,
    scope: 'operator',
    participantData: 'none',
    tag,
    summary: 'Remove an answer template (its history is kept)',
    params: templatePath,
    async handler(c, { params }) {
      await templates.remove(await existing(params.templateId), by(c));
      return list();
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/admin/participants/:participantId/tickets/:ticketId/templates',
    response: contract.ticketTemplates,
    scope: 'operator',
    participantData: 'recorded',
    tag,
    summary:
      "The answer templates for this ticket: in the ticket's language (that of what the participant wrote), filled in",
    params: ticketPath,
    async handler(_c, { params, recordAccess }) {
      await recordAccess([params.participantId]);
      const ticket = await parts.desk.find(params.participantId, params.ticketId);
      const [messages, participant, rows] = await Promise.all([
        parts.store.messages(ticket.participant_id, ticket.ticket_id),
        parts.directory.participant(ticket.participant_id),
        templates.list(),
      ]);
      // What the participant wrote: its messages, and the subject when it opened the ticket itself.
      const written = messages
        .filter((message) => message.kind === 'participant_message' || message.kind === 'diagnostics_answer')
        .map((message) => message.body);
      if (ticket.channel === 'portal' || ticket.channel === 'email') written.unshift(ticket.subject);
      const language = ticketLanguageOf(written);
      const values = {
        reference: ticket.reference,
        subject: ticket.subject,
        organisation: participant?.name ?? '',
        requester: ticket.requester_name,
      };
      return {
        language,
        templates: rows.map((row) => ({ templateId: row.template_id, ...renderTemplate(row, language, values) })),
      };
    },
  });
}
