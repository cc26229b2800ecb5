/** Japanese fonts first: a printed report is read in Japanese, and a Latin-first stack mixes glyphs. */
export const REPORT_FONTS = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif';

/** The printable width of A4 (210 mm less 15 mm margins each side) in CSS pixels (96 per inch). */
export const A4_CONTENT_WIDTH_PX = Math.floor(((210 - 2 * 15) / 25.4) * 96);

/*
 * The report page renders in the light DOM (see report-page.ts), inside the shell's shadow root, where the
 * shared styles (tables, panels, badges) already apply. Its own rules are scoped by the element's name.
 */
const PAGE = 'yorozu-report-page';

const screenRules = (s: string) => `
  ${s} { display: block; }
  ${s} .head { display: flex; gap: 12px 24px; justify-content: space-between; align-items: flex-start; flex-wrap: wrap; margin-bottom: 12px; }
  ${s} .head h1 { margin-bottom: 4px; }
  ${s} .head p { margin: 0; }
  ${s} .actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  ${s} .actions label { display: flex; gap: 6px; align-items: center; color: var(--muted); font-size: 0.9rem; }
  ${s} .summary { display: grid; grid-template-columns: minmax(200px, 260px) minmax(0, 1fr); gap: 16px; }
  ${s} .score-card { display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; gap: 4px; }
  ${s} .score-line { display: flex; align-items: baseline; gap: 4px; }
  ${s} .score { font-size: 3.5rem; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
  ${s} .score.good { color: #047857; }
  ${s} .score.fair { color: #b45309; }
  ${s} .score.poor { color: #b91c1c; }
  ${s} .out-of { color: var(--muted); font-size: 1.1rem; }
  ${s} .chart-panel h2 { margin-top: 0; }
  ${s} section.panel { margin-top: 16px; }
  ${s} section.panel > h2:first-child { margin-top: 0; }
  ${s} .policy { border-top: 1px solid var(--line); padding: 12px 0; }
  ${s} .policy:first-of-type { border-top: none; padding-top: 4px; }
  ${s} .policy h3 { display: flex; gap: 8px; align-items: center; font-size: 1rem; margin: 0 0 6px; }
  ${s} .policy caption { caption-side: top; text-align: left; padding-bottom: 4px; color: var(--muted); font-size: 0.85rem; }
  ${s} table.findings th:first-child { width: 10em; }
  ${s} table.findings th:last-child { width: 9.5em; }
  ${s} .advice { background: #f8fafc; border-left: 4px solid var(--accent); padding: 8px 12px; margin: 0 0 8px; line-height: 1.7; }
  ${s} .advice strong { display: block; font-size: 0.85rem; color: var(--muted); }
  ${s} .badge.sev { white-space: nowrap; font-weight: 600; }
  ${s} .badge.sev.critical { background: #7f1d1d; border-color: #7f1d1d; color: #fff; }
  ${s} .badge.sev.high { background: #fef2f2; border-color: #fca5a5; color: #991b1b; }
  ${s} .badge.sev.medium { background: #fffbeb; border-color: #fcd34d; color: #92400e; }
  ${s} .badge.sev.low { background: #f1f5f9; border-color: #cbd5e1; color: #334155; }
  ${s} .two-col { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
  ${s} .two-col h3 { font-size: 0.95rem; margin: 4px 0 8px; }
  ${s} th { vertical-align: bottom; }
  ${s} td.num, ${s} th.num { text-align: right; font-variant-numeric: tabular-nums; }
  ${s} td.nowrap { white-space: nowrap; }
  ${s} .table-scroll { overflow-x: auto; }
  ${s} table.antivirus th { white-space: normal; }
  ${s} .empty-state { text-align: center; padding: 24px 16px; }
  ${s} .empty-state p { margin: 0 0 12px; }
  ${s} .disclaimer { margin-top: 16px; padding-top: 8px; border-top: 1px solid var(--line); font-size: 0.85rem; color: var(--muted); line-height: 1.6; }
  ${s} .footer { margin-top: 8px; font-size: 0.8rem; color: var(--muted); }
  @media (max-width: 700px) {
    ${s} .summary, ${s} .two-col { grid-template-columns: minmax(0, 1fr); }
    ${s} .score { font-size: 2.75rem; }
  }
`;

/**
 * The print layout, written once and applied twice: by the printer (`@media print`) and on screen when the
 * address has `?print=1` (the server's PDF renderer opens that, so it can wait for the page in print shape).
 */
const printRules = (s: string) => `
  ${s} { font-family: ${REPORT_FONTS}; color: #000; background: #fff; font-size: 10.5pt; --muted: #333; --line: #999; --accent: #000; }
  ${s} .no-print { display: none !important; }
  ${s} .panel { border: none; border-radius: 0; padding: 0; background: #fff; box-shadow: none; }
  ${s} section.panel { margin-top: 7mm; }
  ${s} h1 { font-size: 16pt; }
  ${s} h2 { font-size: 12pt; color: #000; border-bottom: 1.5px solid #000; padding-bottom: 2px; break-after: avoid; }
  ${s} h3 { break-after: avoid; }
  ${s} a { color: #000; text-decoration: none; }
  ${s} th { color: #000; }
  ${s} th, ${s} td { padding: 3px 6px; }
  ${s} .summary { grid-template-columns: 48mm minmax(0, 1fr); gap: 6mm; }
  ${s} .score-card { border: 1.5px solid #000; padding: 4mm; }
  ${s} .score, ${s} .score.good, ${s} .score.fair, ${s} .score.poor { color: #000; font-size: 32pt; }
  ${s} .badge, ${s} .badge.sev.low, ${s} .badge.sev.medium, ${s} .badge.sev.high, ${s} .badge.sev.critical { background: #fff; color: #000; border-color: #000; }
  ${s} .badge.sev.critical { border-width: 2px; }
  ${s} .advice { background: #fff; border-left-color: #000; }
  ${s} .two-col { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  ${s} thead { display: table-header-group; }
  ${s} .table-scroll { overflow: visible; }
  ${s} table, ${s} tr, ${s} .policy, ${s} .score-card, ${s} .chart-panel, ${s} .disclaimer, ${s} .keep-together { break-inside: avoid; }
`;

const REPORT_CSS = `
  ${screenRules(PAGE)}
  @media print {
    ${printRules(PAGE)}
  }
  ${printRules(`${PAGE}[print-layout]`)}
  @media screen {
    ${PAGE}[print-layout] { max-width: 210mm; margin: 0 auto; padding: 15mm; border: 1px solid #ccc; }
  }
`;

let reportSheet: CSSStyleSheet | undefined;

/**
 * The page's styles, adopted by the root the report renders in (the shell's shadow root, or the
 * document). A constructed style sheet rather than a `<style>` element: the Content-Security-Policy
 * (server/security-headers.ts) allows no inline style elements.
 */
export function adoptReportStyles(root: Node): void {
  if (!(root instanceof ShadowRoot || root instanceof Document)) return;
  reportSheet ??= (() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(REPORT_CSS);
    return sheet;
  })();
  if (!root.adoptedStyleSheets.includes(reportSheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, reportSheet];
}
