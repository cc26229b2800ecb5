import type { SigmaRule } from './sigma-rule.js';

/**
 * A participant's exceptions applied to a rule before it is compiled: a whole-rule exception silences it
 * (null), and value exceptions become search identifiers the rule must not match,
 * `(<condition>) and not (yorozu_exception_0 or …)`, ahead of any aggregation (`| count() …`), so an excepted
 * event is neither a match nor counted. Each exception is a Sigma field of the rule's logsource and a plain
 * Sigma value (the whole field, ignoring case; `*` and `?` wildcards), so the compiler checks the field as it
 * checks the rule's own and refuses one Yorozu does not have, by name.
 *
 * `1 of them` / `all of them` are spelled out over the rule's own searches first: `them` would otherwise take in
 * the exception searches too.
 */
export interface RuleException {
  /** '' for the whole rule. */
  field: string;
  value: string;
}

const PREFIX = 'yorozu_exception_';

export function ruleWithExceptions(rule: SigmaRule, exceptions: readonly RuleException[]): SigmaRule | null {
  if (exceptions.length === 0) return rule;
  if (exceptions.some((exception) => exception.field === '')) return null;
  const own = Object.keys(rule.searches);
  const pipe = rule.condition.indexOf('|');
  const expression = (pipe < 0 ? rule.condition : rule.condition.slice(0, pipe))
    .replace(/\b1\s+of\s+them\b/g, `(${own.join(' or ')})`)
    .replace(/\ball\s+of\s+them\b/g, `(${own.join(' and ')})`);
  const aggregation = pipe < 0 ? '' : ` ${rule.condition.slice(pipe)}`;
  const searches = { ...rule.searches };
  exceptions.forEach((exception, index) => {
    searches[`${PREFIX}${index}`] = { kind: 'maps', maps: [{ [exception.field]: exception.value }] };
  });
  const excepted = exceptions.map((_, index) => `${PREFIX}${index}`).join(' or ');
  return { ...rule, searches, condition: `(${expression.trim()}) and not (${excepted})${aggregation}` };
}
