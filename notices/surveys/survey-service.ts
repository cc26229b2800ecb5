import { ApiError } from '../../api/errors.js';
import { fromClickHouseTime } from '../../common/clickhouse-time.js';
import { formatJst } from '../../common/jst-time.js';
import type { OwnSurveys, Survey, SurveyResults } from '../../contract/surveys.js';
import type { NoticeCentre } from '../notice-centre.js';
import { NOTICE_TEXTS } from '../notice-texts.js';
import {
  answersProblem,
  questionsProblem,
  recipientStateOf,
  refusalEvidence,
  storedQuestions,
  SURVEY_USE,
  type QuestionInput,
} from '../rules/survey-answers.js';
import type { AnswerRow, SurveyStore } from './survey-store.js';

/**
 * Surveys and interviews (terms art. 3 (3)(5), 23 (2)): an operator writes one and invites
 * participants or applicants, each by a notice (web + e-mail, art. 21); a recipient answers or
 * declines once, before the deadline; operators see every recipient's state; an applicant's refusal
 * or silence past the deadline is the evidence a rejection on ground (5) cites.
 */
export interface SurveyRecipientLookup {
  participant(
    participantId: string,
  ): Promise<
    { participantId: string; email: string; postalAddress: string; organisation?: string; status?: string } | undefined
  >;
}

/** Who may be invited: applicants (art. 3 (3)(5)) and participants taking part (art. 23 (2)). */
const APPLICANT_STATUSES = new Set(['applied', 'awaiting_applicant']);
const INVITABLE_STATUSES = new Set([...APPLICANT_STATUSES, 'approved', 'active', 'withdrawal_requested']);

export interface SurveyInput {
  kind: Survey['kind'];
  titleJa: string;
  titleEn: string;
  introJa: string;
  introEn: string;
  questions: QuestionInput[];
  interviewAt?: Date | undefined;
  interviewPlace: string;
  deadline: Date;
  participantIds: string[];
}

export class SurveyService {
  constructor(
    readonly store: SurveyStore,
    private readonly centre: NoticeCentre,
    private readonly lookup: () => SurveyRecipientLookup | undefined,
    private readonly publicUrl: () => string,
  ) {}

  async create(input: SurveyInput, by: string, now = new Date()): Promise<{ surveyId: string; notices: string[] }> {
    const problem = questionsProblem(input.questions);
    if (problem) throw new ApiError(400, 'invalid_survey', problem);
    if (input.kind === 'survey' && input.questions.length === 0)
      throw new ApiError(400, 'invalid_survey', 'A survey needs at least one question.');
    if (input.kind === 'interview' && !input.interviewAt)
      throw new ApiError(400, 'invalid_survey', 'An interview needs its date and time (interviewAt).');
    if (input.deadline.getTime() <= now.getTime())
      throw new ApiError(400, 'invalid_survey', 'The deadline must be in the future.');
    const recipients = [];
    for (const participantId of new Set(input.participantIds)) {
      const found = await this.directory().participant(participantId);
      if (!found) throw new ApiError(404, 'not_found', `No participant or applicant ${participantId}.`);
      if (!INVITABLE_STATUSES.has(found.status ?? ''))
        throw new ApiError(
          409,
          'not_invitable',
          `${found.organisation ?? participantId} is ${found.status ?? 'unknown'}: only applicants and participants taking part can be invited.`,
        );
      recipients.push(found);
    }
    const survey = await this.store.create({
      kind: input.kind,
      title_ja: input.titleJa,
      title_en: input.titleEn || input.titleJa,
      intro_ja: input.introJa,
      intro_en: input.introEn || input.introJa,
      questions: storedQuestions(input.questions),
      interview_at: input.interviewAt ?? null,
      interview_place: input.interviewPlace,
      deadline: input.deadline,
      created_by: by,
    });
    const base = this.publicUrl().replace(/\/$/, '');
    const notices: string[] = [];
    for (const to of recipients) {
      const applicant = APPLICANT_STATUSES.has(to.status ?? '');
      const link = `${base}/participants/${to.participantId}/surveys`;
      const text = NOTICE_TEXTS.survey_invitation({
        kind: survey.kind,
        titleJa: survey.title_ja,
        titleEn: survey.title_en,
        deadline: `${formatJst(input.deadline)}（日本時間）`,
        interviewAt: input.interviewAt ? `${formatJst(input.interviewAt)}（日本時間）` : null,
        place: survey.interview_place,
        where: applicant
          ? {
              ja: 'お申込みの確認ページ（お申込みの際にお知らせしたアドレス）',
              en: 'the page to follow your application (the address you got when applying)',
            }
          : { ja: `ポータルの「アンケート」 ${link}`, en: `"Surveys" in the portal: ${link}` },
        applicant,
        useJa: SURVEY_USE.ja,
        useEn: SURVEY_USE.en,
      });
      const notice = await this.centre.send(
        { audience: 'participant', participantId: to.participantId, email: to.email, postalAddress: to.postalAddress },
        'survey_invitation',
        text,
        by,
        { channels: ['web', 'email'], about: `survey:${survey.survey_id}` },
      );
      await this.store.invite(survey.survey_id, to.participantId, notice.notice_id);
      notices.push(notice.notice_id);
    }
    return { surveyId: survey.survey_id, notices };
  }

  /** Every survey with its counts (no participant's data: numbers only). */
  async list(limit: number, now = new Date()) {
    const surveys = await this.store.recent(limit);
    const ids = surveys.map((s) => s.survey_id);
    const [invitations, answers] = await Promise.all([this.store.invitationsOf(ids), this.store.answersOf(ids)]);
    return surveys.map((survey) => {
      const mine = invitations.filter((i) => i.survey_id === survey.survey_id);
      const states = mine.map((i) =>
        recipientStateOf(
          answers.find((a) => a.survey_id === survey.survey_id && a.participant_id === i.participant_id)?.response,
          fromClickHouseTime(survey.deadline),
          now,
        ),
      );
      return {
        ...survey,
        invited: mine.length,
        answered: states.filter((s) => s === 'answered').length,
        refused: states.filter((s) => s === 'refused').length,
        noAnswer: states.filter((s) => s === 'no_answer').length,
      };
    });
  }

  /** The operators' results: each recipient, its state, and its answer. */
  async results(surveyId: string, now = new Date()): Promise<SurveyResults> {
    const survey = await this.store.find(surveyId);
    if (!survey) throw new ApiError(404, 'not_found', `No survey ${surveyId}.`);
    const [invitations, answers] = await Promise.all([
      this.store.invitationsOf([surveyId]),
      this.store.answersOf([surveyId]),
    ]);
    const recipients = [];
    for (const invitation of invitations) {
      const answer = answers.find((a) => a.participant_id === invitation.participant_id);
      const who = await this.directory().participant(invitation.participant_id);
      recipients.push({
        participant_id: invitation.participant_id,
        organisation: who?.organisation ?? '',
        status: who?.status ?? '',
        notice_id: invitation.notice_id,
        invited_at: invitation.invited_at,
        state: recipientStateOf(answer?.response, fromClickHouseTime(survey.deadline), now),
        answer: answer ? responseOf(answer) : null,
      });
    }
    return { survey, use: SURVEY_USE, recipients };
  }

  /** What a participant or applicant was asked, and what it answered. */
  async forRecipient(participantIds: readonly string[], now = new Date()): Promise<OwnSurveys> {
    const [surveys, answers] = await Promise.all([
      this.store.invitedParticipant(participantIds),
      this.store.answersOfParticipant(participantIds),
    ]);
    return {
      use: SURVEY_USE,
      surveys: surveys.map((survey) => {
        const answer = answers.find((a) => a.survey_id === survey.survey_id);
        return {
          ...survey,
          state: recipientStateOf(answer?.response, fromClickHouseTime(survey.deadline), now),
          answer: answer ? responseOf(answer) : null,
        };
      }),
    };
  }

  /** The recipient answers (or declines, art. 3 (3)(5)) once, before the deadline. */
  async respond(
    surveyId: string,
    participantId: string,
    response:
      | { response: 'answered'; answers: Record<string, string | number>; comment: string }
      | { response: 'refused'; comment: string },
    by: string,
    now = new Date(),
  ): Promise<'answered' | 'refused'> {
    const survey = await this.store.find(surveyId);
    const invited = survey
      ? (await this.store.invitationsOf([surveyId])).some((i) => i.participant_id === participantId)
      : false;
    if (!survey || !invited) throw new ApiError(404, 'not_found', `No survey ${surveyId} for this participant.`);
    if ((await this.store.answersOfParticipant([participantId])).some((a) => a.survey_id === surveyId))
      throw new ApiError(409, 'survey_already_answered', 'This survey has already been answered or declined.');
    if (now.getTime() > fromClickHouseTime(survey.deadline).getTime())
      throw new ApiError(
        409,
        'survey_closed',
        `The deadline of this survey (${formatJst(fromClickHouseTime(survey.deadline))} JST) has passed.`,
      );
    const answers = response.response === 'answered' ? response.answers : {};
    if (response.response === 'answered') {
      const problem = answersProblem(survey.questions, answers);
      if (problem) throw new ApiError(400, 'invalid_answers', problem);
    }
    await this.store.respond(
      surveyId,
      participantId,
      { response: response.response, answers, comment: response.comment, answered_by: by },
      now,
    );
    return response.response;
  }

  /**
   * Art. 3 (3)(5): the surveys and interviews an applicant declined or left unanswered past their
   * deadline, in Japanese, for the rejection notice. Empty: the ground does not hold.
   */
  async refusalEvidence(participantId: string, now = new Date()): Promise<string[]> {
    const [surveys, answers] = await Promise.all([
      this.store.invitedParticipant([participantId]),
      this.store.answersOfParticipant([participantId]),
    ]);
    return refusalEvidence(
      surveys.map((survey) => {
        const answer = answers.find((a) => a.survey_id === survey.survey_id);
        return {
          title_ja: `${survey.kind === 'survey' ? 'アンケート' : 'インタビュー'}「${survey.title_ja}」`,
          deadline: fromClickHouseTime(survey.deadline),
          response: answer?.response,
          at: answer ? fromClickHouseTime(answer.answered_at) : undefined,
        };
      }),
      now,
    ).map((e) =>
      e.state === 'refused'
        ? `${e.title_ja}への協力を ${formatJst(e.at)} に辞退`
        : `${e.title_ja}に回答期限 ${formatJst(e.at)} までに回答なし`,
    );
  }

  private directory(): SurveyRecipientLookup {
    const found = this.lookup();
    if (!found) throw new Error('the surveys have no participant register connected');
    return found;
  }
}

function responseOf(row: AnswerRow) {
  return {
    response: row.response,
    answers: row.answers,
    comment: row.comment,
    answered_by: row.answered_by,
    answered_at: row.answered_at,
  };
}
