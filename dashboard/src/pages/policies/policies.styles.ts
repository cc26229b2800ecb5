import { css } from 'lit';
import { wrappingFormStyles } from '../../styles/theme.js';

/** Shared by the policy editor's parts: severity badges, forms, monospace SQL. */
export const policiesStyles = css`
  .badge.sev {
    white-space: nowrap;
    font-weight: 600;
  }
  .badge.sev.critical {
    background: #7f1d1d;
    border-color: #7f1d1d;
    color: #fff;
  }
  .badge.sev.high {
    background: #fef2f2;
    border-color: #fca5a5;
    color: #991b1b;
  }
  .badge.sev.medium {
    background: #fffbeb;
    border-color: #fcd34d;
    color: #92400e;
  }
  .badge.sev.low {
    background: #f1f5f9;
    border-color: #cbd5e1;
    color: #334155;
  }
  .scroll {
    overflow-x: auto;
  }
  .mono,
  textarea.mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 0.85rem;
  }
  td.nowrap,
  th.nowrap {
    white-space: nowrap;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
`;

/**
 * A section under an editor (the "try on a participant" part, a rule's exceptions): set apart by a line, its
 * heading a step below the editor's, and its form wrapping on a phone with fields that shrink to the screen (no
 * page wider than 390 px).
 */
export const editorSectionStyles = css`
  :host {
    display: block;
    margin-top: 16px;
    border-top: 1px solid var(--line);
    padding-top: 8px;
  }
  h3 {
    font-size: 1rem;
    margin: 4px 0;
  }
  ${wrappingFormStyles}
`;
