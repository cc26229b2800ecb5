/**
 * The terms version in force (art. 2). An application must agree to exactly this version; the
 * notices issue turns this into versioned documents with effective dates.
 */
export const TERMS_IN_FORCE = {
  version: '2023-01-04',
  effectiveFrom: '2023-01-04',
  title_ja: 'ITセキュリティよろず相談窓口 実証実験 利用規約',
  title_en: 'IT Security Consultation Desk: terms of the trial',
} as const;
