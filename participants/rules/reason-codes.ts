/**
 * The reason codes of the terms, with their wording in Japanese (first) and English.
 * Art. 3 lists six grounds to reject an application (and to revoke an approval later);
 * art. 7 adds the grounds to revoke participation; art. 8 the grounds to suspend the service.
 */
export interface Wording {
  ja: string;
  en: string;
}

export const REJECTION_REASONS = {
  technically_infeasible: {
    ja: '技術上の理由により本サービスの提供が困難であるため（第3条第1号）',
    en: 'Providing the service is technically infeasible (art. 3 (1))',
  },
  breach_or_risk: {
    ja: '本規約に違反した、またはそのおそれがあるため（第3条第2号）',
    en: 'The applicant breached, or may breach, the terms (art. 3 (2))',
  },
  false_statement: {
    ja: '申込内容に虚偽の記載があったため（第3条第3号）',
    en: 'The application contains false statements (art. 3 (3))',
  },
  no_answer_by_deadline: {
    ja: '期限までに当方の求めに回答がなかったため（第3条第4号）',
    en: "No answer to the desk's request by the deadline (art. 3 (4))",
  },
  refused_survey: {
    ja: 'アンケート・ヒアリングへの協力が得られないため（第3条第5号）',
    en: 'The applicant refused the survey or interview (art. 3 (5))',
  },
  other_hindrance: {
    ja: 'その他、本実証実験の遂行に支障があるため（第3条第6号）',
    en: 'Another hindrance to running the trial (art. 3 (6))',
  },
} as const satisfies Record<string, Wording>;
export type RejectionReason = keyof typeof REJECTION_REASONS;
export const REJECTION_REASON_CODES = Object.keys(REJECTION_REASONS) as [RejectionReason, ...RejectionReason[]];

const ARTICLE_7_REASONS = {
  breach_of_terms: { ja: '本規約に違反したため（第7条）', en: 'Breach of the terms (art. 7)' },
  fraud_violence_threat: {
    ja: '詐欺・暴力・脅迫その他の不正な行為があったため（第7条）',
    en: 'Fraud, violence, threats or other wrongful acts (art. 7)',
  },
  emergency: { ja: '緊急やむを得ない事由が生じたため（第7条）', en: 'An emergency (art. 7)' },
  organised_crime: { ja: '反社会的勢力との関係が認められたため（第7条）', en: 'Links to organised crime (art. 7)' },
} as const satisfies Record<string, Wording>;

export const REVOCATION_REASONS = { ...REJECTION_REASONS, ...ARTICLE_7_REASONS } as const;
export type RevocationReason = keyof typeof REVOCATION_REASONS;
export const REVOCATION_REASON_CODES = Object.keys(REVOCATION_REASONS) as [RevocationReason, ...RevocationReason[]];

/** Art. 7: only these allow revoking without prior notice. */
export const REVOCABLE_WITHOUT_NOTICE: ReadonlySet<RevocationReason> = new Set(['emergency', 'organised_crime']);

export const SERVICE_SUSPENSION_REASONS = {
  maintenance: { ja: '保守・点検のため（第8条）', en: 'Maintenance (art. 8)' },
  unauthorised_access_defence: {
    ja: '不正アクセス等への対策のため（第8条）',
    en: 'Defence against unauthorised access (art. 8)',
  },
  disaster: { ja: '天災・停電等のため（第8条）', en: 'Disaster or power failure (art. 8)' },
  malfunction: { ja: '設備の障害のため（第8条）', en: 'Equipment malfunction (art. 8)' },
  legal_request: { ja: '法令に基づく要請のため（第8条）', en: 'A request under law (art. 8)' },
  other: { ja: 'その他運用上やむを得ないため（第8条）', en: 'Other operational necessity (art. 8)' },
} as const satisfies Record<string, Wording>;
export type ServiceSuspensionReason = keyof typeof SERVICE_SUSPENSION_REASONS;
export const SERVICE_SUSPENSION_REASON_CODES = Object.keys(SERVICE_SUSPENSION_REASONS) as [
  ServiceSuspensionReason,
  ...ServiceSuspensionReason[],
];
