/**
 * CSV for spreadsheet users in Japan: UTF-8 with a byte-order mark (Excel reads it as UTF-8 only then), CRLF line
 * ends, every field quoted, and a cell that a spreadsheet would run as a formula kept as text (OWASP "CSV
 * injection"). The same rules as the explorer's export (investigation/event-export.ts), for any table.
 */
export function spreadsheetCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const lines = [header, ...rows].map((cells) => cells.map((cell) => quoteCell(cell === null ? '' : String(cell))));
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

function quoteCell(cell: string): string {
  // A leading = + - @ (or tab, carriage return, | which spreadsheets also read as the start of a formula or a DDE
  // call) would run: prefix it so it stays text. Negative numbers are written as numbers are, so they stay numbers.
  const safe = /^[=+\-@\t\r|]/.test(cell) && !/^-\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell;
  return `"${safe.replace(/"/g, '""')}"`;
}
