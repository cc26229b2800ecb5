import { QueryVariableBuilder, VariableRefresh } from '@grafana/grafana-foundation-sdk/dashboard';
import { CLICKHOUSE } from './clickhouse-query.js';

/**
 * The participant picker: the plugin reads a two-column result as (value, text), so the value is the
 * participant's id and the text its name. Multi-valued, so panels write `participant_id IN (${participant})`
 * (the plugin joins the values as 'a','b'), inside $__conditionalAll so "All" reads every participant.
 */
export const PARTICIPANT_VARIABLE_SQL = `SELECT toString(participant_id) AS value, name AS text FROM participants_current WHERE status NOT IN ('applied', 'awaiting_applicant', 'rejected', 'lapsed') ORDER BY name`;

export function participantVariable(multi: boolean): QueryVariableBuilder {
  const variable = new QueryVariableBuilder('participant')
    .label('参加者 / Participant')
    .datasource(CLICKHOUSE)
    .query({ rawSql: PARTICIPANT_VARIABLE_SQL, editorType: 'sql', format: 1, refId: 'participant' })
    .definition(PARTICIPANT_VARIABLE_SQL)
    .refresh(VariableRefresh.OnDashboardLoad)
    .multi(multi);
  return multi ? variable.includeAll(true) : variable;
}
