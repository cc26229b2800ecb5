import { describe, expect, it } from 'vitest';
import { agreementStanding } from '../../notices/rules/terms-agreement.js';
import { withoutLineageCopies } from '../../notices/rules/lineage-copies.js';
import { earliestPlannedStart } from '../../participants/rules/suspension-lead-time.js';
import { trialPeriodFromArguments } from '../../server/first-trial-period.js';
import { bounceReportOf } from '../../desk/mail/delivery-status.js';
import {
  answersProblem,
  questionsProblem,
  recipientStateOf,
  refusalEvidence,
  storedQuestions,
} from '../../notices/rules/survey-answers.js';

/** The notices domain's pure rules: who must agree to which terms version (art. 2, 3). */
const versions = [
  { version: '1', effective_on: '2022-12-01' },
  { version: '2', effective_on: '2027-01-10' },
];

describe('agreement to the terms', () => {
  it('a participant with no agreement must agree to the version in force', () => {
    expect(agreementStanding(versions.slice(0, 1), '2026-12-05', new Set())).toEqual({
      inForce: '1',
      mustAgree: true,
      comingToAgree: null,
    });
  });

  it('a published coming version is offered, not required, until it takes effect', () => {
    expect(agreementStanding(versions, '2026-12-05', new Set(['1']))).toEqual({
      inForce: '1',
      mustAgree: false,
      comingToAgree: '2',
    });
    expect(agreementStanding(versions, '2027-01-10', new Set(['1']))).toEqual({
      inForce: '2',
      mustAgree: true,
      comingToAgree: null,
    });
  });

  it('agreeing ahead covers the version once it is in force', () => {
    expect(agreementStanding(versions, '2027-01-10', new Set(['1', '2'])).mustAgree).toBe(false);
    expect(agreementStanding(versions, '2026-12-05', new Set(['1', '2'])).comingToAgree).toBeNull();
  });
});

describe('the lead time of a planned suspension (art. 8 (2)), in business days of the Japanese calendar', () => {
  const jst = (s: string) => new Date(`${s}+09:00`);
  it('three business days lie wholly between the notice and the start', () => {
    // Monday → Tuesday, Wednesday, Thursday → Friday 00:00 JST.
    expect(earliestPlannedStart(jst('2026-12-07T10:00:00'), 3)).toEqual(jst('2026-12-11T00:00:00'));
    // Announced on a Saturday: Monday, Tuesday, Wednesday → Thursday.
    expect(earliestPlannedStart(jst('2026-12-12T23:00:00'), 3)).toEqual(jst('2026-12-17T00:00:00'));
  });

  it('weekends, national holidays and the year-end break do not count', () => {
    // 12/28 (Mon), then the break 12/29-1/3, then 1/4 and 1/5 → 1/6.
    expect(earliestPlannedStart(jst('2026-12-25T12:00:00'), 3)).toEqual(jst('2027-01-06T00:00:00'));
    // 成人の日 2027-01-11 (Mon): 1/12, 1/13, 1/14 → 1/15.
    expect(earliestPlannedStart(jst('2027-01-08T09:00:00'), 3)).toEqual(jst('2027-01-15T00:00:00'));
  });

  it('no lead time configured: any time after the notice', () => {
    expect(earliestPlannedStart(jst('2026-12-07T10:00:00'), 0)).toEqual(jst('2026-12-07T10:00:00'));
  });
});

describe('the first-start options of the trial period (art. 1)', () => {
  it('--trial-start and --trial-end become the configuration the server validates', () => {
    expect(trialPeriodFromArguments(['--demo', '--trial-start=2027-01-04', '--trial-end=2027-03-31'])).toEqual({
      YOROZU_TRIAL_STARTS_ON: '2027-01-04',
      YOROZU_TRIAL_ENDS_ON: '2027-03-31',
    });
    expect(trialPeriodFromArguments(['--demo'])).toEqual({});
  });
});

describe('a delivery status notification (RFC 3464)', () => {
  const report = (action: string) =>
    [
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      'Message-ID: <the-dsn-itself@mx>',
      '',
      '--B',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx',
      '',
      `Action: ${action}`,
      'Status: 5.2.2',
      'Diagnostic-Code: smtp; 552 mailbox full',
      '',
      '--B',
      'Content-Type: message/rfc822',
      '',
      'Message-ID: <yz.notice.1@yorozu.localhost>',
      '',
      '--B--',
    ].join('\r\n');
  it('names the bounced mail by the returned Message-ID, not the report’s own', () => {
    expect(bounceReportOf(report('failed'))).toEqual({
      originalMessageId: '<yz.notice.1@yorozu.localhost>',
      status: '5.2.2',
      detail: 'smtp; 552 mailbox full',
    });
  });
  it('reads a report whose parts are base64 or quoted-printable encoded', () => {
    const base64 = (text: string) => Buffer.from(text).toString('base64').replace(/.{76}/g, '$&\r\n');
    const encoded = [
      'Content-Type: multipart/report;',
      ' report-type=delivery-status; boundary=XB',
      '',
      '--XB',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      base64('配信できませんでした。'),
      '--XB',
      'Content-Type: message/delivery-status',
      'Content-Transfer-Encoding: base64',
      '',
      base64(
        'Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\r\n',
      ),
      '--XB',
      'Content-Type: text/rfc822-headers',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Message-ID: <yz.notice.2@yorozu.local=',
      'host>',
      'Subject: =3D?UTF-8?',
      '--XB--',
    ].join('\r\n');
    expect(bounceReportOf(encoded)).toEqual({
      originalMessageId: '<yz.notice.2@yorozu.localhost>',
      status: '5.1.1',
      detail: 'smtp; 550 5.1.1 User unknown',
    });
    const delayed = base64(
      'Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: delayed\r\nStatus: 4.4.7\r\n',
    );
    const statusPart = encoded.split('--XB')[2]!;
    expect(
      bounceReportOf(encoded.replace(statusPart, statusPart.replace(/\r\n\r\n[\s\S]*$/, `\r\n\r\n${delayed}\r\n`))),
    ).toBeUndefined();
  });
  it('a delay or an ordinary mail is not a bounce', () => {
    expect(bounceReportOf(report('delayed'))).toBeUndefined();
    expect(bounceReportOf('Subject: hello\r\n\r\nMessage-ID: <x@y>\r\n')).toBeUndefined();
  });
});

describe('surveys and interviews (art. 3 (3)(5), 23 (2))', () => {
  const questions = storedQuestions([
    { type: 'choice', textJa: '使う機能', options: [{ ja: 'ログ検索' }, { ja: 'レポート' }] },
    { type: 'scale', textJa: '満足度' },
    { type: 'text', textJa: 'ご意見', required: false },
  ]);
  it('questions get ids in order, English defaulting to the Japanese, scales 1 to 5', () => {
    expect(questions.map((q) => [q.id, q.type, q.text_en, q.min, q.max])).toEqual([
      ['q1', 'choice', '使う機能', 0, 0],
      ['q2', 'scale', '満足度', 1, 5],
      ['q3', 'text', 'ご意見', 0, 0],
    ]);
    expect(questionsProblem([{ type: 'choice', textJa: 'x', options: [{ ja: 'a' }] }])).toContain('question 1');
    expect(questionsProblem([{ type: 'scale', textJa: 'x', min: 3, max: 3 }])).toContain('max (3)');
  });
  it('an answer is checked question by question, naming the one that is wrong', () => {
    expect(answersProblem(questions, { q1: 1, q2: 5 })).toBeUndefined();
    expect(answersProblem(questions, { q2: 5 })).toContain('q1 needs an answer');
    expect(answersProblem(questions, { q1: 2, q2: 5 })).toContain('q1 is a choice');
    expect(answersProblem(questions, { q1: 0, q2: 6 })).toContain('q2 is a scale');
    expect(answersProblem(questions, { q1: 0, q2: 1, q9: 'x' })).toContain('"q9"');
  });
  it('a recipient waits until the deadline; after it, silence counts as a refusal for ground (5)', () => {
    const deadline = new Date('2027-02-01T00:00:00Z');
    const before = new Date('2027-01-31T00:00:00Z');
    const after = new Date('2027-02-02T00:00:00Z');
    expect(recipientStateOf(undefined, deadline, before)).toBe('waiting');
    expect(recipientStateOf(undefined, deadline, after)).toBe('no_answer');
    expect(recipientStateOf('answered', deadline, after)).toBe('answered');
    const invitations = [
      { title_ja: 'A', deadline, response: 'answered' as const },
      { title_ja: 'B', deadline, response: undefined },
      { title_ja: 'C', deadline, response: 'refused' as const, at: before },
    ];
    expect(refusalEvidence(invitations, before)).toEqual([{ title_ja: 'C', state: 'refused', at: before }]);
    expect(refusalEvidence(invitations, after).map((e) => e.title_ja)).toEqual(['B', 'C']);
  });
});

describe("a successor's notices with its predecessors' (art. 4, 21)", () => {
  const notice = (id: string, participant_id: string | null, body_ja: string, kind = 'succession_recorded') => ({
    id,
    participant_id,
    kind,
    subject_ja: '地位承継の登録のお知らせ',
    body_ja,
  });

  it("one announcement sent to both sides is listed once, the reader's own copy; the order is kept", () => {
    const listed = withoutLineageCopies(
      [
        notice('to-successor', 'successor', 'まえだ の地位を あとやま が承継'),
        notice('to-predecessor', 'predecessor', 'まえだ の地位を あとやま が承継'),
        notice('earlier', 'predecessor', '参加開始のお知らせ', 'participation_started'),
        notice('to-everyone', null, 'まえだ の地位を あとやま が承継', 'free_form'),
      ],
      ['successor', 'predecessor'],
    );
    expect(listed.map((n) => n.id)).toEqual(['to-successor', 'earlier', 'to-everyone']);
  });

  it('along a chain each announcement keeps the copy nearest the reader; copies to one participant all stay', () => {
    const listed = withoutLineageCopies(
      [
        notice('b-to-c', 'c', 'B → C'),
        notice('b-copy', 'b', 'B → C'),
        notice('a-to-b', 'b', 'A → B'),
        notice('a-copy', 'a', 'A → B'),
        notice('twice-1', 'a', 'the same text twice', 'free_form'),
        notice('twice-2', 'a', 'the same text twice', 'free_form'),
      ],
      ['c', 'b', 'a'],
    );
    expect(listed.map((n) => n.id)).toEqual(['b-to-c', 'a-to-b', 'twice-1', 'twice-2']);
  });
});
