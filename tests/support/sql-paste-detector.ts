import ts from 'typescript';

/**
 * Finds SQL text built by pasting: a template literal with ${…} whose text reads as SQL, or a
 * string literal that reads as SQL joined with `+` to something that is not a literal. A reviewed
 * exception (identifiers from a fixed list, DDL generated from migration files) carries a
 * `sql-paste-ok: <reason>` comment on the line above.
 */
const SQL_WORDS =
  /\b(SELECT|INSERT\s+INTO|ALTER\s+TABLE|CREATE\s+(TABLE|DATABASE|VIEW|MATERIALIZED)|DELETE\s+FROM|DROP\s+(TABLE|DATABASE)|OPTIMIZE\s+TABLE|TRUNCATE|UPDATE\s+\w+\s+SET|WHERE|FROM\s+\w+|EXPLAIN)\b/;
const EXEMPTION = /sql-paste-ok:\s*\S/;

export interface PastedSql {
  file: string;
  line: number;
  text: string;
}

export function findPastedSql(file: string, source: string): PastedSql[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const lines = source.split('\n');
  const found: PastedSql[] = [];
  const exempt = (node: ts.Node) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line;
    return [line, line - 1, line - 2].some((l) => l >= 0 && EXEMPTION.test(lines[l] ?? ''));
  };
  const report = (node: ts.Node) => {
    if (exempt(node)) return;
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push({ file, line, text: node.getText().slice(0, 120) });
  };
  const isLiteral = (node: ts.Node) =>
    ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node);
  const visit = (node: ts.Node) => {
    if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
      if (SQL_WORDS.test(text)) report(node);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const sides = [node.left, node.right];
      const sqlSide = sides.find((side) => isLiteral(side) && SQL_WORDS.test(side.getText()));
      const otherSide = sides.find((side) => side !== sqlSide);
      if (sqlSide && otherSide && !isLiteral(otherSide)) report(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
