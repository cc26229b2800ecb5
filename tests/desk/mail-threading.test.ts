import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  outgoingMessageId,
  threadedSubject,
  ticketReferenceIn,
  ticketReferenceInMessageId,
  ticketReferenceOf,
} from '../../desk/rules/mail-threading.js';
import { withoutQuotedText } from '../../desk/mail/inbound-mail.js';
import { receivedMailText, replyMailText, statusMailText } from '../../desk/mail/ticket-mail-text.js';

describe('ticket references', () => {
  it('are YZ- and 8 Crockford base32 characters of the first 40 bits of the ticket UUID', () => {
    expect(ticketReferenceOf('00000000-0000-4000-8000-000000000000')).toBe('YZ-00000000');
    expect(ticketReferenceOf('ffffffff-ff00-4000-8000-000000000000')).toBe('YZ-ZZZZZZZZ');
    // 0x0842108421 = 00001 00001 … (eight groups of 5 bits, each 1)
    expect(ticketReferenceOf('08421084-2100-4000-8000-000000000000')).toBe('YZ-11111111');
    expect(() => ticketReferenceOf('not-a-uuid')).toThrow();
  });

  it('survive the round trip through a subject and a Message-ID for many tickets', () => {
    for (let index = 0; index < 2000; index += 1) {
      const reference = ticketReferenceOf(randomUUID());
      expect(reference).toMatch(/^YZ-[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(ticketReferenceIn(threadedSubject(reference, 'Re: ログについて'))).toBe(reference);
      expect(ticketReferenceIn(`re: ${reference.toLowerCase()} hello`)).toBe(reference);
      const messageId = outgoingMessageId(reference, randomUUID(), 'desk.example.jp');
      expect(ticketReferenceInMessageId(messageId, 'desk.example.jp')).toBe(reference);
    }
  });

  it('are found in subjects behind reply and forward prefixes, in any case and bracket', () => {
    for (const subject of [
      '[YZ-7K2M9QX4] 不審なログイン',
      'Re: [YZ-7K2M9QX4] 不審なログイン',
      'RE: Fw: [yz-7k2m9qx4] suspicious login',
      '返信: 転送: 【YZ-7K2M9QX4】ログの件',
      'Re:YZ-7K2M9QX4',
      'お問い合わせYZ-7K2M9QX4の件',
      'Ｒｅ： ［ＹＺ－７Ｋ２Ｍ９ＱＸ４］ 全角で入力',
      '(YZ-7K2M9QX4)',
    ]) {
      expect(ticketReferenceIn(subject), subject).toBe('YZ-7K2M9QX4');
    }
    // Retyped with the letters Crockford base32 reads as digits.
    expect(ticketReferenceIn('Re: [YZ-7K2M9QXO]')).toBe('YZ-7K2M9QX0');
    expect(ticketReferenceIn('Re: [YZ-IK2M9QXL]')).toBe('YZ-1K2M9QX1');
  });

  it('are not found in lookalikes', () => {
    for (const subject of [
      'YZ-7K2M9QX',
      '[YZ-7K2M9QX] seven characters',
      'YZ-7K2M9QX4A nine characters',
      'XYZ-7K2M9QX4 inside a word',
      'abcYZ-7K2M9QX4',
      'YZ-7K2M9QXU (U is not Crockford)',
      'YZ 7K2M9QX4',
      'YZ_7K2M9QX4',
      '',
    ]) {
      expect(ticketReferenceIn(subject), subject).toBeNull();
    }
  });

  it('in Message-IDs are only ours when the domain is ours', () => {
    const messageId = outgoingMessageId('YZ-7K2M9QX4', '5f0c1d7e-3b7a-4c0e-9d2f-8a6b4e1c2d3f', 'Desk.Example.JP');
    expect(messageId).toBe('<yz.yz-7k2m9qx4.5f0c1d7e-3b7a-4c0e-9d2f-8a6b4e1c2d3f@desk.example.jp>');
    expect(ticketReferenceInMessageId(` ${messageId} `, 'desk.example.jp')).toBe('YZ-7K2M9QX4');
    expect(ticketReferenceInMessageId(messageId, 'other.example.jp')).toBeNull();
    expect(ticketReferenceInMessageId('<CAF=abc@mail.gmail.com>', 'desk.example.jp')).toBeNull();
    expect(ticketReferenceInMessageId('<yz.yz-7k2m9qx4.not-a-uuid@desk.example.jp>', 'desk.example.jp')).toBeNull();
    expect(() => outgoingMessageId('YZ-7K2M9QX4', randomUUID(), 'bad domain>')).toThrow();
    expect(() => outgoingMessageId('YZ-7K2', randomUUID(), 'desk.example.jp')).toThrow();
  });
});

describe('threaded subjects', () => {
  it('carry the reference once, without piling up reply, forward and reference prefixes', () => {
    const reference = 'YZ-7K2M9QX4';
    expect(threadedSubject(reference, '不審なログイン')).toBe('[YZ-7K2M9QX4] 不審なログイン');
    expect(threadedSubject(reference, 'Re: RE: Fwd: [YZ-7K2M9QX4] Re: 不審なログイン')).toBe(
      '[YZ-7K2M9QX4] 不審なログイン',
    );
    expect(threadedSubject(reference, 'Re[3]: AW: 返信: 転送：【YZ-7K2M9QX4】  ログ\r\n の件')).toBe(
      '[YZ-7K2M9QX4] ログ の件',
    );
    expect(threadedSubject(reference, 'Re: [yz-aaaaaaaa] another ticket')).toBe('[YZ-7K2M9QX4] another ticket');
    expect(threadedSubject(reference, 'Re:')).toBe('[YZ-7K2M9QX4]');
    // Words that merely begin like a prefix are the subject.
    expect(threadedSubject(reference, 'Report: weekly')).toBe('[YZ-7K2M9QX4] Report: weekly');
    let subject = 'ログの件';
    for (let round = 0; round < 5; round += 1) subject = threadedSubject(reference, `Re: ${subject}`);
    expect(subject).toBe('[YZ-7K2M9QX4] ログの件');
  });
});

describe('quoted text in replies', () => {
  it('drops quoted lines and their attribution, keeps inline answers', () => {
    const gmailJa = [
      'ご確認ありがとうございます。',
      '端末は本日回収しました。',
      '',
      '2026年11月24日(火) 10:30 Yorozu デスク <desk@example.jp>:',
      '> 該当端末をネットワークから切り離してください。',
      '>',
      '> [YZ-7K2M9QX4]',
    ].join('\r\n');
    expect(withoutQuotedText(gmailJa)).toBe('ご確認ありがとうございます。\n端末は本日回収しました。');

    const wrappedEnglish = [
      'Done.',
      '',
      'On Tue, Nov 24, 2026 at 10:30 AM Yorozu Desk <',
      'desk@example.jp> wrote:',
      '> Please isolate it.',
    ];
    expect(withoutQuotedText(wrappedEnglish.join('\n'))).toBe('Done.');

    const inline = ['山田さんは書きました:', '> 端末名は？', 'PC-0042 です。', '> 利用者は？', '佐藤です。'];
    expect(withoutQuotedText(inline.join('\n'))).toBe('PC-0042 です。\n佐藤です。');

    const appleJa = [
      '了解です。',
      '2026/11/24 10:30、Yorozu デスク <desk@example.jp>のメール:',
      '',
      '> 再起動してください。',
    ];
    expect(withoutQuotedText(appleJa.join('\n'))).toBe('了解です。');
  });

  it('cuts at an Outlook separator, but keeps a pasted mail header and a sentence ending with a colon', () => {
    const outlook = ['承知しました。', '', '-----Original Message-----', 'From: desk@example.jp', '以前の本文'];
    expect(withoutQuotedText(outlook.join('\n'))).toBe('承知しました。');
    const outlookJa = [
      '対応します。',
      '________________________________',
      '差出人: Yorozu <desk@example.jp>',
      '送信日時: 2026年11月24日 10:30',
      '以前の本文',
    ];
    expect(withoutQuotedText(outlookJa.join('\n'))).toBe('対応します。');
    const pasted = [
      '届いた不審メールです:',
      'From: ceo@examp1e.jp',
      'Date: Tue, 24 Nov 2026 10:30:00 +0900',
      '至急振り込みを',
    ];
    expect(withoutQuotedText(pasted.join('\n'))).toBe(pasted.join('\n'));
  });
});

describe('ticket mail text', () => {
  const disclaimer = {
    ja: '本回答は提供された記録に基づくものです。',
    en: 'This answer is based on the records provided.',
  };

  it('shows each evidence in JST with its query, range, row count and SHA-256, and ends with the disclaimer', () => {
    const text = replyMailText({
      reference: 'YZ-7K2M9QX4',
      organisation: '株式会社サンプル',
      body: '該当時間帯のログを確認しました。',
      evidence: [
        {
          query: 'category:logon user:admin',
          from: new Date('2026-11-24T01:30:00Z'),
          to: new Date('2026-11-24T02:45:00Z'),
          rowCount: 1234,
          sha256: 'a'.repeat(64),
        },
      ],
      ticketUrl: 'https://yorozu.example.jp/portal/tickets/abc',
      disclaimer,
    });
    expect(text.indexOf('株式会社サンプル ご担当者様')).toBeLessThan(text.indexOf('To 株式会社サンプル'));
    expect(text).toContain('category:logon user:admin');
    expect(text).toContain('2026-11-24 10:30 JST – 2026-11-24 11:45 JST');
    expect(text).toContain('1,234 件');
    expect(text).toContain(`SHA-256: ${'a'.repeat(64)}`);
    expect(text).toContain('ポータルでご確認いただけます: https://yorozu.example.jp/portal/tickets/abc');
    expect(text).toContain('件名の [YZ-7K2M9QX4] を消さずに');
    expect(text).toContain('keep [YZ-7K2M9QX4] in the subject');
    expect(text.trimEnd().endsWith(disclaimer.en)).toBe(true);
    expect(text.indexOf(disclaimer.ja)).toBeLessThan(text.indexOf(disclaimer.en));
  });

  it('tells status changes and acknowledgements in Japanese first, then English', () => {
    const status = statusMailText({
      reference: 'YZ-7K2M9QX4',
      organisation: '株式会社サンプル',
      status: 'awaiting_participant',
      ticketUrl: 'https://yorozu.example.jp/t/1',
    });
    expect(status).toContain('「お客様のご回答待ち」');
    expect(status.indexOf('お客様のご回答待ち')).toBeLessThan(status.indexOf('Awaiting your reply'));
    const unnamed = statusMailText({
      reference: 'YZ-7K2M9QX4',
      organisation: '',
      status: 'resolved',
      ticketUrl: 'https://yorozu.example.jp/t/1',
    });
    expect(unnamed.startsWith('お問い合わせ [YZ-7K2M9QX4] の状況が「解決済み」になりました。')).toBe(true);
    const received = receivedMailText({
      reference: 'YZ-7K2M9QX4',
      subject: '不審なログイン',
      ticketUrl: 'https://yorozu.example.jp/t/1',
    });
    expect(received).toContain('受付番号は [YZ-7K2M9QX4]');
    expect(received).toContain('keep [YZ-7K2M9QX4] in the subject');
  });
});
