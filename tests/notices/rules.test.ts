import { describe, expect, it } from 'vitest';
import { agreementStanding } from '../../notices/rules/terms-agreement.js';
import { earliestPlannedStart } from '../../participants/rules/suspension-lead-time.js';
import { trialPeriodFromArguments } from '../../server/first-trial-period.js';
import { bounceReportOf } from '../../desk/mail/delivery-status.js';

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
