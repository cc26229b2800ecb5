import { POLICY_TABLE_NAMES } from './policy-scope.js';

/**
 * What a policy's query may be: one SELECT that reads only the participant-scoped tables of
 * policy-scope.ts. Checked on the engine's own parse tree (EXPLAIN AST), not on the text:
 * - every table it reads (FROM, JOIN, `x IN table`) is one of POLICY_TABLE_NAMES (or a subquery);
 * - no table functions (url, file, remote, numbers, merge, …) and no functions that read tables or
 *   files (dictGet…, joinGet…, file…);
 * - no functions that read server state (sleep, getSetting, hasColumnInTable, version, …);
 * - no alias or lambda parameter named like a scoped table (`WITH sessions AS p_health … IN p_health`
 *   made the analyser read `sessions`: names are resolved before tables, so a shadowing name is refused
 *   whatever it points at). The policy's own CTE names are not printed by EXPLAIN AST; they are checked
 *   on the resolved tree (policy-resolution.ts), which is also the second layer run before every run;
 * - no SETTINGS, no INTO OUTFILE, nothing after the SELECT.
 */
export interface PolicyProblem {
  code:
    | 'not_a_select'
    | 'table_not_allowed'
    | 'table_function'
    | 'function_not_allowed'
    | 'name_shadowed'
    | 'settings_not_allowed'
    | 'too_long'
    | 'empty';
  message: { ja: string; en: string };
}

const FORBIDDEN_FUNCTION_PREFIXES =
  /^(dictGet|dictHas|dictGetHierarchy|dictIsIn|joinGet|file|getServerPort|currentUser|hostName|fqdn|url|input|s3|hdfs|remote|sleep|getSetting|getServerSetting|getMergeTreeSetting|hasColumnInTable|filesystem|address|demangle|transaction|zookeeper|initialQuery|catboost|model|evalML)/i;
/** Functions that tell about the server, its state or other queries rather than the participant's data. */
const SERVER_STATE_FUNCTIONS = new Set(
  [
    'version',
    'revision',
    'uptime',
    'buildId',
    'serverUUID',
    'tcpPort',
    'getMacro',
    'currentDatabase',
    'currentSchemas',
    'database',
    'currentProfiles',
    'currentRoles',
    'enabledRoles',
    'defaultRoles',
    'displayName',
    'shardNum',
    'shardCount',
    'queryID',
    'currentQueryID',
    'getOSKernelVersion',
    'getClientHTTPHeader',
    'globalVariable',
    'connectionId',
    'connection_id',
    'serverTimezone',
    'serverTimeZone',
    'logTrace',
    'hasThreadFuzzer',
  ].map((name) => name.toLowerCase()),
);

export function forbiddenFunction(name: string): boolean {
  return FORBIDDEN_FUNCTION_PREFIXES.test(name) || SERVER_STATE_FUNCTIONS.has(name.toLowerCase());
}
const ALLOWED = new Set<string>(POLICY_TABLE_NAMES);
export const MAX_POLICY_LENGTH = 20_000;

export function staticProblem(query: string): PolicyProblem | undefined {
  const text = query.trim();
  if (!text) return { code: 'empty', message: { ja: 'クエリが空です。', en: 'The query is empty.' } };
  if (text.length > MAX_POLICY_LENGTH)
    return {
      code: 'too_long',
      message: {
        ja: `クエリは ${MAX_POLICY_LENGTH} 文字までです。`,
        en: `The query is longer than ${MAX_POLICY_LENGTH} characters.`,
      },
    };
  if (/;\s*\S/.test(text) || /\bINTO\s+OUTFILE\b/i.test(text) || /\bFORMAT\s+\w+\s*;?\s*$/i.test(text)) {
    return {
      code: 'not_a_select',
      message: {
        ja: 'SELECT 文を 1 つだけ書いてください（INTO OUTFILE・FORMAT・複数の文は使えません）。',
        en: 'Write exactly one SELECT (no INTO OUTFILE, FORMAT or second statement).',
      },
    };
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
    return {
      code: 'not_a_select',
      message: { ja: 'ポリシーは SELECT 文でなければなりません。', en: 'A policy must be a SELECT.' },
    };
  }
  for (const [index, node] of nodes.entries()) {
    const parent = [...nodes.slice(0, index)].reverse().find((candidate) => candidate.depth < node.depth);
    const alias = /\(alias ([^)\s]+)\)/.exec(node.text)?.[1];
    if (alias !== undefined && ALLOWED.has(alias.replace(/^`|`$/g, ''))) return shadowed(alias);
    if (node.text.startsWith('TableIdentifier ')) {
      const name = node.text.split(/\s+/)[1] ?? '';
      if (!ALLOWED.has(name)) return tableNotAllowed(name);
    }
    if (node.text.startsWith('Function ') && parent?.text.startsWith('TableExpression')) {
      const name = node.text.split(/\s+/)[1] ?? '';
      return {
        code: 'table_function',
        message: { ja: `テーブル関数 ${name} は使えません。`, en: `The table function ${name} is not allowed.` },
      };
    }
    if (node.text.startsWith('Function ')) {
      const name = node.text.split(/\s+/)[1] ?? '';
      if (name === 'lambda') {
        // The lambda's parameters: the first child of its argument list, a tuple of identifiers.
        const parameters = directChildren(nodes, index + 1)[0];
        const shadowing = parameters
          ? descendants(nodes, nodes.indexOf(parameters)).find(
              (n) => n.text.startsWith('Identifier ') && ALLOWED.has(n.text.split(/\s+/)[1] ?? ''),
            )
          : undefined;
        if (shadowing) return shadowed(shadowing.text.split(/\s+/)[1] ?? '');
      }
      if (forbiddenFunction(name))
        return {
          code: 'function_not_allowed',
          message: { ja: `関数 ${name} は使えません。`, en: `The function ${name} is not allowed.` },
        };
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
      return {
        code: 'settings_not_allowed',
        message: {
          ja: 'SETTINGS は使えません（実行の制限はサーバーが決めます）。',
          en: 'SETTINGS are not allowed: the server sets the limits of a run.',
        },
      };
    }
  }
  return undefined;
}

/** Every node below the node at `parentIndex`. */
function descendants(nodes: readonly { depth: number; text: string }[], parentIndex: number) {
  const parent = nodes[parentIndex];
  const below = [];
  for (let i = parentIndex + 1; parent && i < nodes.length && nodes[i]!.depth > parent.depth; i++)
    below.push(nodes[i]!);
  return below;
}

/** The nodes one level below the node at `parentIndex`. */
function directChildren(nodes: readonly { depth: number; text: string }[], parentIndex: number) {
  const parent = nodes[parentIndex];
  if (!parent) return [];
  const children = [];
  for (let i = parentIndex + 1; i < nodes.length && nodes[i]!.depth > parent.depth; i++)
    if (nodes[i]!.depth === parent.depth + 1) children.push(nodes[i]!);
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

export function shadowed(name: string): PolicyProblem {
  return {
    code: 'name_shadowed',
    message: {
      ja: `名前 ${name} は参加者の範囲のテーブル名です。別名・WITH・サブクエリ・ラムダの引数に使わないでください。`,
      en: `${name} is the name of a scoped table; a policy may not use it for an alias, a WITH name, a subquery or a lambda parameter.`,
    },
  };
}
