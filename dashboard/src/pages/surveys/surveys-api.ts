import { api } from '../../api/api-client.js';
import type {
  OwnSurveys,
  ParticipantList,
  SurveyCreated,
  SurveyList,
  SurveyQuestion,
  SurveyResults,
  SurveySummary,
} from '../../api/contract.js';

/** The survey routes as the dashboard uses them (notices/surveys/survey-routes.ts on the server). */
export type { OwnSurveys, SurveyQuestion, SurveyResults, SurveySummary };
export type OwnSurvey = OwnSurveys['surveys'][number];
export type AnswerValue = string | number;

export interface Invitable {
  participantId: string;
  name: string;
  applicant: boolean;
}

const INVITABLE = ['applied', 'awaiting_applicant', 'approved', 'active', 'withdrawal_requested'];
const APPLICANT = new Set(['applied', 'awaiting_applicant']);

/** Applicants (art. 3 (3)(5)) and participants taking part: who may be invited. */
export async function fetchInvitable(): Promise<Invitable[]> {
  const { participants } = await api<ParticipantList>(
    'GET',
    `/api/v1/admin/participants?status=${INVITABLE.join(',')}`,
  );
  return participants
    .map((p) => ({
      participantId: p.participant_id,
      name: p.name || p.participant_id,
      applicant: APPLICANT.has(p.status),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}

export interface NewQuestion {
  type: SurveyQuestion['type'];
  textJa: string;
  textEn?: string;
  options?: { ja: string; en?: string }[];
  min?: number;
  max?: number;
  minLabelJa?: string;
  maxLabelJa?: string;
  minLabelEn?: string;
  maxLabelEn?: string;
  required?: boolean;
}

export interface NewSurvey {
  kind: 'survey' | 'interview';
  titleJa: string;
  titleEn: string;
  introJa: string;
  introEn?: string;
  questions: NewQuestion[];
  interviewAt?: string;
  interviewPlace: string;
  deadline: string;
  participantIds: string[];
}

export function createSurvey(survey: NewSurvey): Promise<SurveyCreated> {
  return api('POST', '/api/v1/admin/surveys', survey);
}

export async function fetchSurveys(): Promise<SurveySummary[]> {
  return (await api<SurveyList>('GET', '/api/v1/admin/surveys')).surveys;
}

export function fetchResults(surveyId: string): Promise<SurveyResults> {
  return api('GET', `/api/v1/admin/surveys/${surveyId}`);
}

/** Whose surveys: a participant (its session) or an applicant (its token, no account). */
export type SurveyRecipient = { kind: 'participant'; id: string } | { kind: 'applicant'; id: string; token: string };

const baseOf = (to: SurveyRecipient) =>
  to.kind === 'participant' ? `/api/v1/participants/${to.id}` : `/api/v1/applications/${to.id}`;
const headersOf = (to: SurveyRecipient): Record<string, string> =>
  to.kind === 'applicant' ? { 'x-applicant-token': to.token } : {};

export function fetchOwnSurveys(to: SurveyRecipient): Promise<OwnSurveys> {
  return api('GET', `${baseOf(to)}/surveys`, undefined, headersOf(to));
}

export function answerSurvey(
  to: SurveyRecipient,
  surveyId: string,
  body:
    | { response: 'answered'; answers: Record<string, AnswerValue>; comment: string }
    | { response: 'refused'; comment: string },
): Promise<unknown> {
  return api('POST', `${baseOf(to)}/surveys/${surveyId}/answer`, body, headersOf(to));
}
