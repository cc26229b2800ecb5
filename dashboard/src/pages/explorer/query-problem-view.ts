import { html } from 'lit';
import { language } from '../../i18n/i18n.js';
import type { QueryProblem } from './explorer-api.js';

/**
 * The server's reason why a query is wrong, in the current language, over the query itself with
 * the offending span underlined (a marker at the end when the span is empty, e.g. a missing term).
 */
export function renderQueryProblem(query: string, problem: QueryProblem) {
  const start = Math.max(0, Math.min(problem.position, query.length));
  const end = Math.max(start, Math.min(start + problem.length, query.length));
  const marked = query.slice(start, end);
  return html`
    <div class="query-error" role="alert" data-test="query-error">
      <p class="query-error-message">${problem.message[language()]}</p>
      <pre
        class="query-error-text"
        aria-hidden="true"
      >${query.slice(0, start)}<mark class=${marked ? 'bad' : 'bad empty'}>${marked || ' '}</mark>${query.slice(end)}</pre>
    </div>
  `;
}
