/**
 * The wording of every notice the lifecycle sends (terms art. 21), Japanese first, English second.
 * One function per kind; the caller passes the facts, this module owns the words.
 */
export interface NoticeText {
  subject_ja: string;
  body_ja: string;
  subject_en: string;
  body_en: string;
}

interface Reason {
  ja: string;
  en: string;
}

const withNote = (note: string | undefined, ja: string, en: string): [string, string] =>
  note ? [`${ja}\n\n補足: ${note}`, `${en}\n\nNote: ${note}`] : [ja, en];

export const NOTICE_TEXTS = {
  application_received: (f: { organisation: string }): NoticeText => ({
    subject_ja: '【よろず相談窓口】お申込みを受け付けました',
    body_ja: `${f.organisation} 様\n本実証実験へのお申込みを受け付けました。審査の結果は改めてお知らせします。`,
    subject_en: '[Yorozu desk] Your application was received',
    body_en: `Dear ${f.organisation},\nWe received your application to the trial. We will tell you the result of the review.`,
  }),
  answer_requested: (f: { question: string; deadline: string }): NoticeText => ({
    subject_ja: '【よろず相談窓口】お申込みについてのご確認（回答期限あり）',
    body_ja: `お申込みについて、次の点をご回答ください。\n${f.question}\n回答期限: ${f.deadline}（期限までにご回答がない場合、第3条第4号によりお申込みをお受けできません）`,
    subject_en: '[Yorozu desk] A question about your application (with a deadline)',
    body_en: `Please answer the following about your application.\n${f.question}\nDeadline: ${f.deadline} (without an answer by then, the application cannot be accepted, art. 3 (4)).`,
  }),
  application_approved: (): NoticeText => ({
    subject_ja: '【よろず相談窓口】お申込みを承認しました',
    body_ja: 'お申込みを承認しました。準備が整い次第、利用開始日をお知らせします。',
    subject_en: '[Yorozu desk] Your application was approved',
    body_en: 'Your application was approved. We will tell you the start date once the service is set up.',
  }),
  application_rejected: (f: { reason: Reason; note?: string; deletionDeadline?: string }): NoticeText => {
    const deletionJa = f.deletionDeadline
      ? `\nお申込みの際にお預かりした情報は ${f.deletionDeadline} までに削除します（第16条）。`
      : '';
    const deletionEn = f.deletionDeadline
      ? `\nWhat you gave us with the application will be deleted by ${f.deletionDeadline} (art. 16).`
      : '';
    const [ja, en] = withNote(
      f.note,
      `誠に恐れ入りますが、次の理由によりお申込みをお受けできません。\n理由: ${f.reason.ja}${deletionJa}`,
      `We regret that we cannot accept the application.\nReason: ${f.reason.en}${deletionEn}`,
    );
    return {
      subject_ja: '【よろず相談窓口】お申込みの審査結果',
      body_ja: ja,
      subject_en: '[Yorozu desk] The result of your application',
      body_en: en,
    };
  },
  service_started: (f: { startDate: string }): NoticeText => ({
    subject_ja: '【よろず相談窓口】サービス提供開始のお知らせ',
    body_ja: `本サービスの提供を開始します。利用開始日: ${f.startDate}`,
    subject_en: '[Yorozu desk] The service starts',
    body_en: `The service starts for you. Start date: ${f.startDate}`,
  }),
  revocation_scheduled: (f: { reason: Reason; periodDays: number; expectedAt: string; note?: string }): NoticeText => {
    // The period runs from this notice's deemed delivery (art. 21), which the desk cannot know when it writes it.
    const [ja, en] = withNote(
      f.note,
      `次の理由により、本通知が到達した時（第21条）から ${f.periodDays} 日を経過した時をもって参加資格を取り消します（第7条）。\n取消しの予定: ${f.expectedAt} 頃（到達が遅れた場合はその分遅くなります）\n理由: ${f.reason.ja}`,
      `Your participation will be revoked ${f.periodDays} days after this notice reaches you (art. 21, art. 7).\nExpected: around ${f.expectedAt} (later if the notice arrives later)\nReason: ${f.reason.en}`,
    );
    return {
      subject_ja: '【よろず相談窓口】参加資格取消しの予告',
      body_ja: ja,
      subject_en: '[Yorozu desk] Notice of revocation',
      body_en: en,
    };
  },
  participation_revoked: (f: { reason: Reason; note?: string; deletionDeadline?: string }): NoticeText => {
    const deletionJa = f.deletionDeadline
      ? `\n保存データ及び生成等データは ${f.deletionDeadline} までに削除します（第16条）。`
      : '';
    const deletionEn = f.deletionDeadline
      ? `\nStored and generated data will be deleted by ${f.deletionDeadline} (art. 16).`
      : '';
    const [ja, en] = withNote(
      f.note,
      `次の理由により、参加資格を取り消しました。貸与ソフトウェアは削除してください。\n理由: ${f.reason.ja}${deletionJa}`,
      `Your participation has been revoked. Please delete the lent software.\nReason: ${f.reason.en}${deletionEn}`,
    );
    return {
      subject_ja: '【よろず相談窓口】参加資格取消しのお知らせ',
      body_ja: ja,
      subject_en: '[Yorozu desk] Participation revoked',
      body_en: en,
    };
  },
  withdrawal_requested: (): NoticeText => ({
    subject_ja: '【よろず相談窓口】退会のお申出を受け付けました',
    body_ja: '退会のお申出を受け付けました。手続きが完了しましたらお知らせします。',
    subject_en: '[Yorozu desk] Your withdrawal request was received',
    body_en: 'We received your request to withdraw and will tell you when it is complete.',
  }),
  participation_ended: (f: { kind: 'withdrawn' | 'ended'; deletionDeadline: string }): NoticeText => ({
    subject_ja:
      f.kind === 'withdrawn'
        ? '【よろず相談窓口】退会手続き完了のお知らせ'
        : '【よろず相談窓口】サービス利用終了のお知らせ',
    body_ja: `本サービスのご利用は終了しました。貸与ソフトウェアは削除してください（第11条）。保存データ及び生成等データは ${f.deletionDeadline} までに削除します（第16条）。`,
    subject_en:
      f.kind === 'withdrawn'
        ? '[Yorozu desk] Your withdrawal is complete'
        : '[Yorozu desk] Your use of the service has ended',
    body_en: `Your use of the service has ended. Please delete the lent software (art. 11). Stored and generated data will be deleted by ${f.deletionDeadline} (art. 16).`,
  }),
  deletion_deadline_set: (f: { deadline: string | null; agreedWith: string }): NoticeText =>
    f.deadline
      ? {
          subject_ja: '【よろず相談窓口】データ削除期日のお知らせ',
          body_ja: `貴社（${f.agreedWith}）との合意により、保存データ及び生成等データの削除期日を ${f.deadline} とします（第16条）。`,
          subject_en: '[Yorozu desk] The date your data will be deleted',
          body_en: `As agreed with ${f.agreedWith}, stored and generated data will be deleted by ${f.deadline} (art. 16).`,
        }
      : {
          subject_ja: '【よろず相談窓口】データ削除期日のお知らせ',
          body_ja:
            '合意した削除期日を取り消し、当窓口が定める期日（利用終了日から所定の日数後）に戻しました（第16条）。',
          subject_en: '[Yorozu desk] The date your data will be deleted',
          body_en:
            "The agreed deletion date was withdrawn; the desk's own deadline (a set number of days after the end of use) applies again (art. 16).",
        },
  succession_recorded: (f: { predecessor: string; successor: string; kind: 'merger' | 'split' }): NoticeText => ({
    subject_ja: '【よろず相談窓口】地位承継の登録',
    body_ja: `${f.kind === 'merger' ? '合併' : '分割'}により、${f.predecessor} の参加者としての地位を ${f.successor} が承継したことを登録しました（第4条）。`,
    subject_en: '[Yorozu desk] Succession recorded',
    body_en: `By ${f.kind}, ${f.successor} has succeeded to the participant status of ${f.predecessor} (art. 4).`,
  }),
  account_suspension_scheduled: (f: { loginName: string; reason: string; effectiveAt: string }): NoticeText => ({
    subject_ja: '【よろず相談窓口】アカウント利用停止の予告',
    body_ja: `アカウント ${f.loginName} の利用を ${f.effectiveAt} に停止します（第20条）。\n理由: ${f.reason}`,
    subject_en: '[Yorozu desk] Notice of account suspension',
    body_en: `The account ${f.loginName} will be suspended at ${f.effectiveAt} (art. 20).\nReason: ${f.reason}`,
  }),
  account_suspended: (f: { loginName: string; reason: string }): NoticeText => ({
    subject_ja: '【よろず相談窓口】アカウント利用停止のお知らせ',
    body_ja: `アカウント ${f.loginName} の利用を停止しました（第20条）。\n理由: ${f.reason}`,
    subject_en: '[Yorozu desk] Account suspended',
    body_en: `The account ${f.loginName} has been suspended (art. 20).\nReason: ${f.reason}`,
  }),
  /** Art. 20 (4): a matching password is deemed the participant, so its owner learns of every reset it did not do. */
  password_reset: (f: { loginName: string; at: string }): NoticeText => ({
    subject_ja: '【よろず相談窓口】パスワード再設定のお知らせ',
    body_ja: `窓口がアカウント ${f.loginName} のパスワードを ${f.at}（日本時間）に再設定しました。窓口から受け取った仮のパスワードでサインインし、新しいパスワードを設定してください。再設定を依頼していない場合は、すぐに窓口へご連絡ください（第20条）。`,
    subject_en: '[Yorozu desk] Your password was reset',
    body_en: `The desk reset the password of the account ${f.loginName} at ${f.at} (JST). Sign in with the temporary password the desk gave you and choose a new one. If you did not ask for this, contact the desk at once (art. 20).`,
  }),
  account_unlocked: (f: { loginName: string; at: string }): NoticeText => ({
    subject_ja: '【よろず相談窓口】アカウントのロック解除のお知らせ',
    body_ja: `サインインの失敗が続いたためロックされていたアカウント ${f.loginName} を、窓口が ${f.at}（日本時間）に解除しました。解除を依頼していない場合は、すぐに窓口へご連絡ください（第20条）。`,
    subject_en: '[Yorozu desk] Your account was unlocked',
    body_en: `The account ${f.loginName}, locked after repeated failed sign-ins, was unlocked by the desk at ${f.at} (JST). If you did not ask for this, contact the desk at once (art. 20).`,
  }),
  trial_period_changed: (f: { startsOn: string; endsOn: string | null; note?: string }): NoticeText => {
    const [ja, en] = withNote(
      f.note,
      `実証実験の実施期間を変更しました（第1条）。\n期間: ${f.startsOn} 〜 ${f.endsOn ?? '未定'}`,
      `The trial period has changed (art. 1).\nPeriod: ${f.startsOn} to ${f.endsOn ?? 'not set'}`,
    );
    return {
      subject_ja: '【よろず相談窓口】実施期間変更のお知らせ',
      body_ja: ja,
      subject_en: '[Yorozu desk] The trial period has changed',
      body_en: en,
    };
  },
  trial_stopped: (f: { lastDay: string; reason: string }): NoticeText => ({
    subject_ja: '【よろず相談窓口】実証実験中止のお知らせ',
    body_ja: `当社は、第19条に基づき本実証実験を中止します。本サービスの提供は ${f.lastDay} をもって終了します。\n貸与ソフトウェアは削除してください（第11条）。保存データ及び生成等データは第16条に従い削除します。\n理由: ${f.reason}`,
    subject_en: '[Yorozu desk] The trial is stopped',
    body_en: `Under art. 19 we stop the trial. The service ends on ${f.lastDay}.\nPlease delete the lent software (art. 11). Stored and generated data will be deleted as art. 16 says.\nReason: ${f.reason}`,
  }),
  terms_published: (f: {
    version: string;
    effectiveOn: string;
    summaryJa: string;
    summaryEn: string;
    link: string;
  }): NoticeText => ({
    subject_ja: '【よろず相談窓口】利用規約改定のお知らせ',
    body_ja: `利用規約を改定します（第2条）。新しい版 ${f.version} は ${f.effectiveOn} から適用します。\n主な変更点: ${f.summaryJa}\n全文: ${f.link}`,
    subject_en: '[Yorozu desk] The terms are changing',
    body_en: `The terms change (art. 2). The new version ${f.version} applies from ${f.effectiveOn}.\nWhat changes: ${f.summaryEn}\nFull text: ${f.link}`,
  }),
  /** Art. 3 (3)(5), 23 (2): an invitation to answer a survey or attend an interview, with its deadline and use. */
  survey_invitation: (f: {
    kind: 'survey' | 'interview';
    titleJa: string;
    titleEn: string;
    deadline: string;
    interviewAt: string | null;
    place: string;
    where: { ja: string; en: string };
    applicant: boolean;
    useJa: string;
    useEn: string;
  }): NoticeText => {
    const interviewJa = f.interviewAt ? `\n日時: ${f.interviewAt}${f.place ? `\n場所・方法: ${f.place}` : ''}` : '';
    const interviewEn = f.interviewAt ? `\nWhen: ${f.interviewAt}${f.place ? `\nWhere / how: ${f.place}` : ''}` : '';
    const groundJa = f.applicant
      ? '\nご協力いただけない場合、第3条第3項第5号によりお申込みをお受けできないことがあります。'
      : '';
    const groundEn = f.applicant ? '\nIf you do not take part, the application may be refused (art. 3 (3)(5)).' : '';
    const what =
      f.kind === 'survey'
        ? ['アンケートへのご回答', 'answer a survey']
        : ['インタビューへのご協力', 'take part in an interview'];
    return {
      subject_ja: `【よろず相談窓口】${f.kind === 'survey' ? 'アンケート' : 'インタビュー'}のお願い: ${f.titleJa}`,
      body_ja: `本実証実験に関する${what[0]}をお願いします。\n件名: ${f.titleJa}${interviewJa}\n回答期限: ${f.deadline}\n回答先: ${f.where.ja}${groundJa}\n\n${f.useJa}`,
      subject_en: `[Yorozu desk] Please ${what[1]}: ${f.titleEn}`,
      body_en: `Please ${what[1]} about this trial.\nTitle: ${f.titleEn}${interviewEn}\nDeadline: ${f.deadline}\nWhere to answer: ${f.where.en}${groundEn}\n\n${f.useEn}`,
    };
  },
  /** Written by an operator: the words are the operator's, in both languages (English may repeat the Japanese). */
  free_form: (f: NoticeText): NoticeText => ({ ...f }),
  service_suspension: (f: {
    reason: Reason;
    startsAt: string;
    endsAt: string | null;
    urgent: boolean;
    note?: string;
  }): NoticeText => {
    const [ja, en] = withNote(
      f.note,
      `${f.urgent ? '緊急のため、' : ''}次の期間、本サービスの提供を停止します（第8条）。\n期間: ${f.startsAt} 〜 ${f.endsAt ?? '復旧まで'}\n理由: ${f.reason.ja}\n期間中、貸与ソフトウェアはデータを端末に保持し、再開後に送信します。`,
      `${f.urgent ? 'Urgently, the' : 'The'} service is suspended for this period (art. 8).\nPeriod: ${f.startsAt} to ${f.endsAt ?? 'until restored'}\nReason: ${f.reason.en}\nThe lent software keeps its data on the PC and sends it after the suspension.`,
    );
    return {
      subject_ja: '【よろず相談窓口】サービス停止のお知らせ',
      body_ja: ja,
      subject_en: '[Yorozu desk] Service suspension',
      body_en: en,
    };
  },
} as const;

export type NoticeKind = keyof typeof NOTICE_TEXTS;
