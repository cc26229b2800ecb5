import { parseDocument } from 'yaml';
import { z } from 'zod';

/**
 * A Sigma rule (https://sigmahq.io/docs/basics/rules.html) read from YAML with the `yaml` package and
 * checked for the parts Yorozu compiles: title, id, level, logsource, detection (named search
 * identifiers and one condition), optional timeframe for aggregations, tags (ATT&CK) and falsepositives.
 * Anything else in the file (author, references, …) is kept as metadata but not interpreted.
 */
const searchValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const fieldValues = z.union([searchValue, z.array(searchValue)]);
/** A search identifier: a map of field|modifiers → value(s), a list of such maps (OR), or a keyword list. */
const searchIdentifier = z.union([
  z.record(z.string(), fieldValues),
  z.array(z.union([z.record(z.string(), fieldValues), searchValue])),
]);

const ruleSchema = z.object({
  title: z.string().min(1).max(256),
  id: z.string().min(1).max(64),
  status: z.string().optional(),
  description: z.string().optional(),
  author: z.string().optional(),
  references: z.array(z.string()).optional(),
  date: z.union([z.string(), z.date()]).optional(),
  modified: z.union([z.string(), z.date()]).optional(),
  tags: z.array(z.string()).optional(),
  level: z.enum(['informational', 'low', 'medium', 'high', 'critical']).default('medium'),
  falsepositives: z.array(z.union([z.string(), z.null()])).optional(),
  logsource: z.object({
    product: z.string().optional(),
    category: z.string().optional(),
    service: z.string().optional(),
    definition: z.string().optional(),
  }),
  detection: z
    .object({ condition: z.union([z.string(), z.array(z.string()).length(1)]), timeframe: z.string().optional() })
    .catchall(searchIdentifier),
});

export type SigmaSearchValue = z.infer<typeof searchValue>;
export type SigmaFieldMap = Record<string, SigmaSearchValue | SigmaSearchValue[]>;
/** One search identifier as Sigma defines it: the maps are OR'ed, a map's entries AND'ed. */
export type SigmaSearch = { kind: 'maps'; maps: SigmaFieldMap[] } | { kind: 'keywords'; values: SigmaSearchValue[] };

export interface SigmaRule {
  title: string;
  id: string;
  status: string | undefined;
  description: string | undefined;
  author: string | undefined;
  level: 'informational' | 'low' | 'medium' | 'high' | 'critical';
  tags: string[];
  /** ATT&CK technique ids from the tags (`attack.t1059.001` → `T1059.001`). */
  techniques: string[];
  falsepositives: string[];
  logsource: { product?: string; category?: string; service?: string };
  searches: Record<string, SigmaSearch>;
  condition: string;
  /** The aggregation window in milliseconds (`timeframe: 1h`), when the rule has one. */
  timeframeMs: number | undefined;
}

export class SigmaRuleError extends Error {
  constructor(
    readonly code: 'yaml' | 'schema' | 'condition' | 'modifier' | 'logsource' | 'fields' | 'value' | 'list',
    message: string,
    readonly missingFields: string[] = [],
  ) {
    super(message);
    this.name = 'SigmaRuleError';
  }
}

const TIMEFRAME_UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseTimeframe(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  if (!match) throw new SigmaRuleError('schema', `timeframe "${text}" is not a number followed by s, m, h or d`);
  const ms = Number(match[1]) * TIMEFRAME_UNITS[match[2]!]!;
  if (ms <= 0 || ms > 30 * 86_400_000) throw new SigmaRuleError('schema', `timeframe "${text}" is not within 30 days`);
  return ms;
}

/** Reads one rule from YAML text; throws SigmaRuleError naming what is wrong. */
export function parseSigmaRule(text: string): SigmaRule {
  if (text.length > 100_000) throw new SigmaRuleError('yaml', 'the rule is longer than 100,000 characters');
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) throw new SigmaRuleError('yaml', document.errors[0]!.message);
  const parsed = ruleSchema.safeParse(document.toJS({ maxAliasCount: 10 }));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SigmaRuleError('schema', `${issue.path.join('.') || '(rule)'}: ${issue.message}`);
  }
  const rule = parsed.data;
  if ('timeframe' in (document.toJS() as object))
    throw new SigmaRuleError('schema', 'timeframe belongs under detection (detection: timeframe: 1h)');
  const { condition, timeframe, ...named } = rule.detection;
  const searches: Record<string, SigmaSearch> = {};
  for (const [name, value] of Object.entries(named)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new SigmaRuleError('schema', `detection.${name}: a search identifier is letters, digits and _`);
    searches[name] = toSearch(name, value as z.infer<typeof searchIdentifier>);
  }
  const tags = rule.tags ?? [];
  return {
    title: rule.title,
    id: rule.id,
    status: rule.status,
    description: rule.description,
    author: rule.author,
    level: rule.level,
    tags,
    techniques: tags
      .filter((tag) => /^attack\.t\d{4}(\.\d{3})?$/i.test(tag))
      .map((tag) => tag.slice('attack.'.length).toUpperCase()),
    falsepositives: (rule.falsepositives ?? []).filter((x): x is string => typeof x === 'string'),
    logsource: rule.logsource,
    searches,
    condition: Array.isArray(condition) ? condition[0]! : condition,
    timeframeMs: timeframe === undefined ? undefined : parseTimeframe(timeframe),
  };
}

function toSearch(name: string, value: z.infer<typeof searchIdentifier>): SigmaSearch {
  if (!Array.isArray(value)) return { kind: 'maps', maps: [value] };
  const maps = value.filter((item): item is SigmaFieldMap => typeof item === 'object' && item !== null);
  if (maps.length === value.length) return { kind: 'maps', maps };
  if (maps.length === 0) return { kind: 'keywords', values: value as SigmaSearchValue[] };
  throw new SigmaRuleError('schema', `detection.${name}: mixes field maps and keywords`);
}
