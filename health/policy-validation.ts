import { POLICY_TABLE_NAMES } from './policy-scope.js';

/**
 * What a policy's query may be: one SELECT that reads only the participant-scoped tables of
 * policy-scope.ts. Checked on the engine's own parse tree (EXPLAIN AST), not on the text:
 * - every table it reads (FROM, JOIN, `x IN table`) is one of POLICY_TABLE_NAMES (or a subquery);
 * - no table functions (url, file, remote, numbers, merge, …) and no functions that read tables or
 *   files (dictGet…, joinGet…, file…);
 * - no SETTINGS, no INTO OUTFILE, nothing after the SELECT.
 */
export interface PolicyProblem {
  code: 'not_a_select' | 'table_not_allowed' | 'table_function' | 'function_not_allowed' | 'settings_not_allowed' | 'too_long' | 'empty';
  message: { ja: string; en: string };
}

const FORBIDDEN_FUNCTIONS = /^(dictGet|dictHas|dictGetHierarchy|dictIsIn|joinGet|file|getServerPort|currentUser|hostName|fqdn|url|input|s3|hdfs|remote)/i;
const ALLOWED = new Set<string>(POLICY_TABLE_NAMES);
export const MAX_POLICY_LENGTH = 20_000;

export function staticProblem(query: string): PolicyProblem | undefined {
  const text = query.trim();
  if (!text) return { code: 'empty', message: { ja: 'クエリが空です。', en: 'The query is empty.' } };
  if (text.length > MAX_POLICY_LENGTH) return { code: 'too_long', message: { ja: `クエリは ${MAX_POLICY_LENGTH} 文字までです。`, en: `The query is longer than ${MAX_POLICY_LENGTH} characters.` } };
  if (/;\s*\S/.test(text) || /\bINTO\s+OUTFILE\b/i.test(text) || /\bFORMAT\s+\w+\s*;?\s*$/i.test(text)) {
    return { code: 'not_a_select', message: { ja: 'SELECT 文を 1 つだけ書いてください（INTO OUTFILE・FORMAT・複数の文は使えません）。', en: 'Write exactly one SELECT (no INTO OUTFILE, FORMAT or second statement).' } };
  }
  return undefined;
}

/** Checks the tree printed by `EXPLAIN AST <query>` (one node per line, indented by depth). */
export function astProblem(astLines: readonly string[]): PolicyProblem | undefined {
  const nodes = astLines.map((line) => {
    const text = line.replace(/^"|"$/g, '');
    const depth = text.length - text.trimStart().length;
    return { depth, text: text.trim() };
  });
  if (!nodes[0]?.text.startsWith('SelectWithUnionQuery')) {
    return { code: 'not_a_select', message: { ja: 'ポリシーは SELECT 文でなければなりません。', en: 'A policy must be a SELECT.' } };
  }
  for (const [index, node] of nodes.entries()) {
    const parent = [...nodes.slice(0, index)].reverse().find((candidate) => candidate.depth < node.depth);
    if (node.text.startsWith('TableIdentifier ')) {
      const name = node.text.split(/\s+/)[1] ?? '';
      if (!ALLOWED.has(name)) return tableNotAllowed(name);
    }
    if (node.text.startsWith('Function ') && parent?.text.startsWith('TableExpression')) {
      const name = node.text.split(/\s+/)[1] ?? '';
      return { code: 'table_function', message: { ja: `テーブル関数 ${name} は使えません。`, en: `The table function ${name} is not allowed.` } };
    }
    if (node.text.startsWith('Function ')) {
      const name = node.text.split(/\s+/)[1] ?? '';
      if (FORBIDDEN_FUNCTIONS.test(name)) return { code: 'function_not_allowed', message: { ja: `関数 ${name} は使えません。`, en: `The function ${name} is not allowed.` } };
      if (/^(in|notIn|globalIn|globalNotIn|nullIn|notNullIn|globalNullIn|globalNotNullIn)$/.test(name)) {
        // `x IN some_table`: a bare name as the right operand reads that table.
        const right = directChildren(nodes, index + 1)[1];
        if (right?.text.startsWith('Identifier ')) {
          const table = right.text.split(/\s+/)[1] ?? '';
          if (!ALLOWED.has(table)) return tableNotAllowed(table);
        }
      }
    }
    if (node.text === 'Set' || node.text.startsWith('Set ')) {
      return { code: 'settings_not_allowed', message: { ja: 'SETTINGS は使えません（実行の制限はサーバーが決めます）。', en: 'SETTINGS are not allowed: the server sets the limits of a run.' } };
    }
  }
  return undefined;
}

/** The nodes one level below the node at `parentIndex`. */
function directChildren(nodes: readonly { depth: number; text: string }[], parentIndex: number) {
  const parent = nodes[parentIndex];
  if (!parent) return [];
  const children = [];
  for (let i = parentIndex + 1; i < nodes.length && nodes[i]!.depth > parent.depth; i++) if (nodes[i]!.depth === parent.depth + 1) children.push(nodes[i]!);
  return children;
}

function tableNotAllowed(name: string): PolicyProblem {
  return {
    code: 'table_not_allowed',
    message: {
      ja: `テーブル ${name} は読めません。使えるのは ${POLICY_TABLE_NAMES.join(', ')} です。`,
      en: `The table ${name} cannot be read; a policy reads only ${POLICY_TABLE_NAMES.join(', ')}.`,
    },
  };
}
