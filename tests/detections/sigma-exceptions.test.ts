import { describe, expect, it } from 'vitest';
import { compileSigmaRule, parseSigmaRule, ruleWithExceptions, SigmaRuleError } from '../../detections/sigma/index.js';

/** Exceptions rewrite a rule before it compiles (pure: no engine). */
const rule = (condition: string) =>
  parseSigmaRule(`title: t
id: r1
logsource:
  product: yorozu
  category: software_operation
detection:
  a:
    process_name: x.exe
  b:
    user_name: yamada
  condition: ${condition}
`);

describe('exceptions applied to a rule', () => {
  it('leaves a rule without exceptions as it is, and silences it with a whole-rule exception', () => {
    const r = rule('a');
    expect(ruleWithExceptions(r, [])).toBe(r);
    expect(ruleWithExceptions(r, [{ field: '', value: '' }])).toBeNull();
  });

  it('adds the values as searches the rule must not match, keeping `them` to the rule’s own searches', () => {
    const excepted = ruleWithExceptions(rule('1 of them'), [
      { field: 'user_name', value: 'svc' },
      { field: 'process_name', value: 'y*' },
    ])!;
    expect(excepted.condition).toBe('((a or b)) and not (yorozu_exception_0 or yorozu_exception_1)');
    expect(excepted.searches.yorozu_exception_1).toEqual({ kind: 'maps', maps: [{ process_name: 'y*' }] });
    expect(compileSigmaRule(excepted).sql).toContain('NOT');
  });

  it('puts the exception ahead of an aggregation', () => {
    const excepted = ruleWithExceptions(rule('a | count() by user_name > 3'), [{ field: 'user_name', value: 'svc' }])!;
    expect(excepted.condition).toBe('(a) and not (yorozu_exception_0) | count() by user_name > 3');
    compileSigmaRule(excepted);
  });

  it('a field Yorozu does not have is refused by name when compiled', () => {
    const excepted = ruleWithExceptions(rule('a'), [{ field: 'Nope', value: 'x' }])!;
    expect(() => compileSigmaRule(excepted)).toThrow(SigmaRuleError);
    try {
      compileSigmaRule(excepted);
    } catch (error) {
      expect((error as SigmaRuleError).missingFields).toEqual(['Nope']);
    }
  });
});
