/** The built-in policy pack (being written). */
export interface BuiltinPolicy {
  slug: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  title: { ja: string; en: string };
  description: { ja: string; en: string };
  remediation: { ja: string; en: string };
  query: string;
}

export const BUILTIN_POLICIES: readonly BuiltinPolicy[] = [];
