import { POLICY_TABLE_NAMES } from './policy-scope.js';
import { forbiddenFunction, shadowed, type PolicyProblem } from './policy-validation.js';

/**
 * The second check of a policy, on what the engine resolved rather than on what the text says: the
 * tree printed by `EXPLAIN QUERY TREE` of the exact query about to run (prelude, parameters and all).
 * Names are already resolved there (an alias, a CTE, a table), so a policy that gets a raw table past
 * the parse-tree rules of policy-validation.ts still shows it here as a `TABLE` node outside the
 * prelude. Accepted only when:
 * - every `TABLE` node lies inside a CTE named with this run's scope prefix (the prelude's own reads);
 * - there is no `TABLE_FUNCTION` node at all (the prelude uses none);
 * - no function that reads tables, files or server state is called;
 * - a CTE called like a scoped table (`p_devices`, …) is the prelude's, not the policy's own.
 */
interface TreeLine {
  depth: number;
  text: string;
}

const ALLOWED = new Set<string>(POLICY_TABLE_NAMES);

export function resolvedTreeProblem(treeLines: readonly string[], scopePrefix: string): PolicyProblem | undefined {
  const lines: TreeLine[] = treeLines
    .filter((line) => line.trim() !== '')
    .map((line) => ({ depth: line.length - line.trimStart().length, text: line.trim() }));
  const ancestors: TreeLine[] = [];
  for (const [index, line] of lines.entries()) {
    while (ancestors.length > 0 && ancestors[ancestors.length - 1]!.depth >= line.depth) ancestors.pop();
    // `TABLE EXPRESSION` is the label of an ARRAY JOIN's source (its table, if any, is a `TABLE id: …` below it).
    if (line.text.startsWith('TABLE ') && line.text !== 'TABLE EXPRESSION') {
      const insideScope = ancestors.some((ancestor) => cteName(ancestor)?.startsWith(scopePrefix));
      if (!insideScope) return outsideScope(field(line.text, 'table_name') ?? 'unknown');
    }
    if (line.text.startsWith('TABLE_FUNCTION ')) {
      const name = field(line.text, 'table_function_name') ?? 'unknown';
      return {
        code: 'table_function',
        message: { ja: `テーブル関数 ${name} は使えません。`, en: `The table function ${name} is not allowed.` },
      };
    }
    const functionName = line.text.startsWith('FUNCTION ') ? field(line.text, 'function_name') : undefined;
    if (functionName && forbiddenFunction(functionName)) {
      return {
        code: 'function_not_allowed',
        message: { ja: `関数 ${functionName} は使えません。`, en: `The function ${functionName} is not allowed.` },
      };
    }
    const name = cteName(line);
    if (name && ALLOWED.has(name) && !wrapsScopedTable(lines, index, scopePrefix + name)) return shadowed(name);
    ancestors.push(line);
  }
  return undefined;
}

function cteName(line: TreeLine): string | undefined {
  return line.text.startsWith('QUERY ') ? field(line.text, 'cte_name') : undefined;
}

function field(text: string, name: string): string | undefined {
  return new RegExp(`(?:^|, )${name}: ([^,\\s]+)`).exec(text)?.[1];
}

/** The prelude's `p_x AS (SELECT * FROM <scope>p_x)`: its JOIN TREE is the scoped CTE itself. */
function wrapsScopedTable(lines: readonly TreeLine[], queryIndex: number, scopedName: string): boolean {
  const query = lines[queryIndex]!;
  for (let i = queryIndex + 1; i < lines.length && lines[i]!.depth > query.depth; i++) {
    if (lines[i]!.text === 'JOIN TREE' && lines[i]!.depth === query.depth + 2) {
      const source = lines[i + 1];
      return source !== undefined && cteName(source) === scopedName;
    }
  }
  return false;
}

function outsideScope(table: string): PolicyProblem {
  return {
    code: 'table_not_allowed',
    message: {
      ja: `ポリシーが参加者の範囲外のテーブル ${table} を読もうとしています。使えるのは ${POLICY_TABLE_NAMES.join(', ')} です。`,
      en: `The policy reads ${table}, outside the participant's scoped tables; a policy reads only ${POLICY_TABLE_NAMES.join(', ')}.`,
    },
  };
}
