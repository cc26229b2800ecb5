import type { Category, Status } from './contract.js';

/**
 * The desk's vocabularies as the pages list them, checked against the API contract (contract/desk.ts):
 * a category or status the server adds and a page does not list fails the typecheck. The shapes themselves
 * (TicketSummary, EvidenceSummary, …) are the contract's: import them from ./contract.js.
 */
export type {
  Category,
  Channel,
  EvidenceSummary,
  Localised,
  SlaClock,
  SlaState,
  Status,
  TicketSummary,
} from './contract.js';

export const CATEGORIES = [
  'installation',
  'software_fault',
  'service_usage',
  'security_question',
  'other',
] as const satisfies readonly Category[];
export const STATUSES = [
  'new',
  'open',
  'awaiting_participant',
  'resolved',
  'closed',
] as const satisfies readonly Status[];
// Every value of the contract is listed (the `satisfies` above checks the other direction).
const everyCategory: Record<Category, (typeof CATEGORIES)[number]> = {
  installation: 'installation',
  software_fault: 'software_fault',
  service_usage: 'service_usage',
  security_question: 'security_question',
  other: 'other',
};
const everyStatus: Record<Status, (typeof STATUSES)[number]> = {
  new: 'new',
  open: 'open',
  awaiting_participant: 'awaiting_participant',
  resolved: 'resolved',
  closed: 'closed',
};
void everyCategory;
void everyStatus;

/** A phone call an operator logs: on a ticket, or as a new ticket (with its subject and category). The request body of POST …/calls. */
export interface PhoneCall {
  caller: string;
  /** ISO instant. */
  calledAt: string;
  durationMinutes: number;
  summary: string;
}
