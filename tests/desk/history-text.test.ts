import { describe, expect, it } from 'vitest';
import { historyText } from '../../desk/rules/history-text.js';

/** Issue 19, item 7: each entry of a ticket's history reads in both languages, with no raw code or key in either. */
describe("a ticket history entry's text", () => {
  it('a status change names both statuses and why, in each language', () => {
    expect(historyText('status', { from: 'new', to: 'open', why: 'participant_message' })).toEqual({
      ja: '状態: 新規 → 対応中（お客様のメッセージ）',
      en: "Status: new → open (the participant's message)",
    });
  });

  it('the opening names its channel and category; an assignment names the operators', () => {
    expect(historyText('created', { channel: 'desk', category: 'security_question' }).ja).toBe(
      '受付（経路: 窓口から連絡、分類: セキュリティの相談）',
    );
    const names = (id: string) => ({ a1: '佐藤', b2: '鈴木' })[id];
    expect(historyText('assignment', { from: '', to: 'b2' }, names)).toEqual({
      ja: '担当: 未割当 → 鈴木',
      en: 'Assignee: nobody → 鈴木',
    });
  });

  it('the Japanese has no English word of a code, the English no Japanese of a label', () => {
    const entries: [string, Record<string, string>][] = [
      ['created', { channel: 'portal', category: 'installation' }],
      ['status', { from: 'resolved', to: 'closed', why: 'auto_close' }],
      ['reply', { from: 'open', to: 'awaiting_participant' }],
      ['first_response', { via: 'phone' }],
      ['category', { from: 'other', to: 'software_fault' }],
      ['message', { kind: 'operator_reply', via: 'dashboard' }],
      ['note', {}],
    ];
    for (const [change, detail] of entries) {
      const text = historyText(change, detail);
      expect(text.ja, change).not.toMatch(/[a-z]{3,}/);
      expect(text.en, change).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});
