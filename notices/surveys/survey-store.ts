import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../../common/clickhouse-time.js';
import type { Survey, SurveyQuestion, SurveyResponse } from '../../contract/surveys.js';
import { selectRows } from '../../sql/select-rows.js';

/**
 * The SQL side of surveys and interviews: `surveys` (the design), `survey_invitations` (who was asked,
 * by which notice) and `survey_answers` (each recipient's answer or refusal). The answers' tables are
 * read only here, never by the log explorer or evidence (art. 23 (2)).
 */
export interface NewSurvey {
  kind: Survey['kind'];
  title_ja: string;
  title_en: string;
  intro_ja: string;
  intro_en: string;
  questions: SurveyQuestion[];
  interview_at: Date | null;
  interview_place: string;
  deadline: Date;
  created_by: string;
}

export interface InvitationRow {
  survey_id: string;
  participant_id: string;
  notice_id: string;
  invited_at: string;
}

export type AnswerRow = SurveyResponse & { survey_id: string; participant_id: string };

type SurveyRow = Omit<Survey, 'questions'> & { questions: string };

export class SurveyStore {
  constructor(private readonly client: ClickHouseClient) {}

  async create(survey: NewSurvey): Promise<Survey> {
    const row: SurveyRow = {
      survey_id: randomUUID(),
      kind: survey.kind,
      title_ja: survey.title_ja,
      title_en: survey.title_en,
      intro_ja: survey.intro_ja,
      intro_en: survey.intro_en,
      questions: JSON.stringify(survey.questions),
      interview_at: survey.interview_at ? toClickHouseTime(survey.interview_at.getTime()) : null,
      interview_place: survey.interview_place,
      deadline: toClickHouseTime(survey.deadline.getTime()),
      created_at: toClickHouseTime(Date.now()),
      created_by: survey.created_by,
    };
    await this.insert('surveys', [row], 'surveys:create');
    return parsed(row);
  }

  async invite(surveyId: string, participantId: string, noticeId: string): Promise<void> {
    await this.insert(
      'survey_invitations',
      [
        {
          survey_id: surveyId,
          participant_id: participantId,
          notice_id: noticeId,
          invited_at: toClickHouseTime(Date.now()),
        },
      ],
      'surveys:invite',
    );
  }

  async respond(
    surveyId: string,
    participantId: string,
    response: Omit<SurveyResponse, 'answered_at'>,
    at: Date,
  ): Promise<void> {
    await this.insert(
      'survey_answers',
      [
        {
          survey_id: surveyId,
          participant_id: participantId,
          response: response.response,
          answers: JSON.stringify(response.answers),
          comment: response.comment,
          answered_by: response.answered_by,
          answered_at: toClickHouseTime(at.getTime()),
        },
      ],
      'surveys:respond',
    );
  }

  async recent(limit: number): Promise<Survey[]> {
    return (await selectRows<SurveyRow>(this.client, 'surveys/recent', { limit })).map(parsed);
  }

  async find(surveyId: string): Promise<Survey | undefined> {
    return (await selectRows<SurveyRow>(this.client, 'surveys/by-id', { surveyId })).map(parsed)[0];
  }

  async invitedParticipant(participantIds: readonly string[], limit = 200): Promise<Survey[]> {
    return (await selectRows<SurveyRow>(this.client, 'surveys/invited-participant', { participantIds, limit })).map(
      parsed,
    );
  }

  async invitationsOf(surveyIds: readonly string[]): Promise<InvitationRow[]> {
    if (surveyIds.length === 0) return [];
    return selectRows<InvitationRow>(this.client, 'surveys/invitations-of', { surveyIds });
  }

  async invitationsOfParticipant(participantIds: readonly string[]): Promise<InvitationRow[]> {
    return selectRows<InvitationRow>(this.client, 'surveys/invitations-of-participant', { participantIds });
  }

  async answersOf(surveyIds: readonly string[]): Promise<AnswerRow[]> {
    if (surveyIds.length === 0) return [];
    return (await selectRows<AnswerRow & { answers: string }>(this.client, 'surveys/answers-of', { surveyIds })).map(
      parsedAnswer,
    );
  }

  async answersOfParticipant(participantIds: readonly string[]): Promise<AnswerRow[]> {
    return (
      await selectRows<AnswerRow & { answers: string }>(this.client, 'surveys/answers-of-participant', {
        participantIds,
      })
    ).map(parsedAnswer);
  }

  private async insert(table: string, values: object[], tag: string): Promise<void> {
    await this.client.insert({ table, values, format: 'JSONEachRow', clickhouse_settings: { log_comment: tag } });
  }
}

function parsed(row: SurveyRow): Survey {
  return { ...row, questions: JSON.parse(row.questions) as SurveyQuestion[] };
}

function parsedAnswer(row: Omit<AnswerRow, 'answers'> & { answers: string }): AnswerRow {
  return { ...row, answers: JSON.parse(row.answers || '{}') as AnswerRow['answers'] };
}
