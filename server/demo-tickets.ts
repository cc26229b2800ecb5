import type { DemoParticipant } from './demo-participants.js';
import type { RunningYorozu } from './yorozu.js';

/**
 * The demo's consultation desk: a question answered with evidence from the backfilled logs, a mail
 * inquiry waiting for the desk, and a phone call logged — so the desk, the SLA clocks and the evidence
 * view have something to show at once. Only for new demo organisations (after their backfill).
 */
export async function prepareDemoTickets(
  yorozu: RunningYorozu,
  participants: readonly DemoParticipant[],
): Promise<void> {
  const [sakura, minato, aoba] = participants;
  const { desk, evidence } = yorozu.desk;
  const desk_ = { accountId: '', name: 'よろず窓口 (demo)' };
  const now = Date.now();
  if (sakura) {
    const question = await desk.open({
      participantId: sakura.participantId,
      subject: '私物の USB メモリが使われていないか確認したい',
      category: 'security_question',
      channel: 'portal',
      requester: { accountId: '', name: '株式会社さくら商事 担当者', email: 'sakura@demo.example.jp' },
      body: '先週、社内で私物の USB メモリを使った人がいるようです。どの PC で使われたか分かりますか?',
      files: [],
      via: 'portal',
      messageKind: 'participant_message',
      openedBy: { accountId: '', name: '株式会社さくら商事 担当者' },
    });
    const usb = await evidence.capture(
      question,
      { query: 'category:external_device', from: new Date(now - 7 * 86_400_000), to: new Date(now), limit: 50 },
      desk_.name,
    );
    await desk.reply(question, {
      operator: desk_,
      body: `過去 7 日間の外部デバイス接続を確認しました（${usb.rowCount} 件、下の証拠をご覧ください）。承認されていないシリアル番号の USB メモリがあれば、利用者に確認のうえ使用をやめるよう周知してください。`,
      files: [],
      evidenceIds: [usb.evidenceId],
      statusAfter: 'awaiting_participant',
    });
  }
  if (minato) {
    await desk.open({
      participantId: minato.participantId,
      subject: 'エージェントのインストール方法',
      category: 'installation',
      channel: 'email',
      requester: { accountId: '', name: 'みなと製作所 総務', email: 'minato@demo.example.jp' },
      body: '新しく購入した PC にエージェントを入れる手順を教えてください。',
      files: [],
      via: 'email',
      messageKind: 'participant_message',
      openedBy: { accountId: '', name: 'みなと製作所 総務' },
    });
  }
  if (aoba) {
    await desk.open({
      participantId: aoba.participantId,
      subject: '不審なメールの添付ファイルを開いた',
      category: 'security_question',
      channel: 'phone',
      requester: { accountId: '', name: '事務長 青葉様', email: '' },
      body: '添付ファイルを開いてしまったとの電話。ネットワークからの切り離しとフルスキャンを案内。結果の連絡待ち。',
      files: [],
      via: 'phone',
      messageKind: 'phone_call',
      phone: { caller: '事務長 青葉様', calledAt: new Date(now - 26 * 3_600_000), durationMinutes: 15 },
      openedBy: desk_,
    });
  }
}
