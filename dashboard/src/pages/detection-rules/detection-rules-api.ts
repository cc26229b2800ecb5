import { api, ApiFailure } from '../../api/api-client.js';
import type { DetectionRuleList, DetectionRuleTried } from '../../api/contract.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, language } from '../../i18n/i18n.js';

/**
 * The rule editor's calls: the rules (GET /admin/detection-rules), a new version or enabled/disabled
 * (PUT /admin/detection-rules/:id), a trial on one participant (POST /admin/detection-rules/try); and a
 * refused rule's reason in the reader's language, from the compiler's code and the fields it names.
 */
export type DetectionRule = DetectionRuleList['rules'][number];
export type RuleTrial = DetectionRuleTried;

export const LEVEL_RANK: Record<DetectionRule['level'], number> = {
  critical: 5,
  high: 4,
  medium: 3,
  low: 2,
  informational: 1,
};

export async function fetchRules(): Promise<DetectionRule[]> {
  const { rules } = await api<DetectionRuleList>('GET', '/api/v1/admin/detection-rules');
  return [...rules].sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || a.title.localeCompare(b.title));
}

/** The rule's `id:` as written at the top level of its YAML (the server checks it against the parsed rule). */
export function ruleIdOf(yaml: string): string | null {
  return /^id:\s*['"]?([A-Za-z0-9_.-]{1,64})['"]?\s*$/m.exec(yaml)?.[1] ?? null;
}

export function saveRule(ruleId: string, enabled: boolean, yaml?: string): Promise<DetectionRuleList> {
  return api('PUT', `/api/v1/admin/detection-rules/${encodeURIComponent(ruleId)}`, {
    enabled,
    ...(yaml === undefined ? {} : { yaml }),
  });
}

export function tryRule(participantId: string, yaml: string): Promise<RuleTrial> {
  return api('POST', '/api/v1/admin/detection-rules/try', { participantId, yaml });
}

export const NEW_RULE_TEMPLATE = `title: 新しい検知ルール
id: ${'operator-rule-1'}
status: experimental
description: 何を見つけるルールかを書いてください
logsource:
  product: yorozu
  category: software_operation
detection:
  selection:
    process_name|endswith: '\\\\mimikatz.exe'
  condition: selection
level: high
tags:
  - attack.t1003
`;

const t = defineMessages(
  {
    yaml: 'YAML として読めません（インデントや記号を確認してください）。',
    schema: 'Sigma ルールの形式に合いません（title・id・logsource・detection・level などを確認してください）。',
    condition:
      'condition（条件式）を解釈できません。対応している書き方は and・or・not・括弧・1 of・all of・count() です。',
    modifier: '対応していない修飾子（| の後ろ）が使われています。',
    logsource: 'この logsource（製品・カテゴリー・サービス）のログは Yorozu にありません。',
    fields: 'Yorozu にない項目が使われています: {fields}',
    value: '値に誤りがあります（空のリスト、数値でない比較、正しくない CIDR など）。',
    list: '存在しないリストが指定されています（ioc_domains・approved_usb_serials・approved_software のいずれか）。',
  },
  {
    yaml: 'The text is not valid YAML (check indentation and symbols).',
    schema: 'The text is not a Sigma rule (check title, id, logsource, detection, level).',
    condition: 'The condition cannot be read. Supported: and, or, not, parentheses, 1 of, all of, count().',
    modifier: 'A modifier (after |) is not supported.',
    logsource: 'Yorozu does not collect logs of this logsource (product, category, service).',
    fields: 'Fields Yorozu does not have: {fields}',
    value: 'A value is wrong (an empty list, a comparison with a non-number, a bad CIDR, …).',
    list: 'The list does not exist (ioc_domains, approved_usb_serials or approved_software).',
  },
);

type RuleCode = 'yaml' | 'schema' | 'condition' | 'modifier' | 'logsource' | 'fields' | 'value' | 'list';
const RULE_CODES: ReadonlySet<string> = new Set<RuleCode>([
  'yaml',
  'schema',
  'condition',
  'modifier',
  'logsource',
  'fields',
  'value',
  'list',
]);

/**
 * Why a rule was refused, in the reader's language: the compiler's code as a sentence, the fields it names,
 * and (in English only) the compiler's own detail, which names the exact place.
 */
export function ruleProblemText(error: unknown): string {
  if (error instanceof ApiFailure) {
    const rule = error.details.rule as { code?: string; missingFields?: string[] } | undefined;
    if (rule?.code && RULE_CODES.has(rule.code)) {
      const sentence = t(rule.code as RuleCode, { fields: (rule.missingFields ?? []).join(', ') });
      return language() === 'en' ? `${sentence} (${error.message})` : sentence;
    }
  }
  return apiErrorText(error);
}
