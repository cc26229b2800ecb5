export { parseSigmaRule, SigmaRuleError, type SigmaRule } from './sigma-rule.js';
export { compileSigmaRule, type CompiledRule } from './sigma-compile.js';
export { resolveSource, YOROZU_CATEGORIES } from './sigma-taxonomy.js';
export { ruleWithExceptions, type RuleException } from './sigma-exceptions.js';
