import { html } from 'lit';
import { defineMessages } from '../../i18n/i18n.js';
import type { Severity } from './policies-api.js';

const t = defineMessages(
  { critical: '緊急', high: '高', medium: '中', low: '低' },
  { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' },
);

export const severityLabel = (severity: Severity): string => t(severity);

/** The severity as a badge (緊急 / 高 / 中 / 低); styled by `policiesStyles`. */
export function severityBadge(severity: Severity) {
  return html`<span class="badge sev ${severity}" data-test="policy-severity">${t(severity)}</span>`;
}
