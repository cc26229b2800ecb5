/**
 * The first terms version (art. 2), the seed document in force since 2022-12-01 (its 附則). The
 * versions themselves are documents in notices/terms/; this is the fallback where none is read.
 */
export const TERMS_IN_FORCE = {
  version: '1',
  effectiveFrom: '2022-12-01',
  title_ja: 'ITセキュリティよろず相談窓口 実証実験規約',
  title_en: 'IT Security Consultation Desk: terms of the trial',
} as const;

export interface TermsInForce {
  version: string;
  effectiveFrom: string;
  title_ja: string;
  title_en: string;
}
