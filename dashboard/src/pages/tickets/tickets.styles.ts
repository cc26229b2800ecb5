import { css } from 'lit';

/** Shared by the ticket screens: status and SLA colours, message kinds, forms, the narrow-screen layout. */
export const ticketsStyles = css`
  .badge {
    white-space: nowrap;
  }
  .badge.status.new {
    background: #eff6ff;
    border-color: #93c5fd;
    color: #1e40af;
  }
  .badge.status.open {
    background: #fffbeb;
    border-color: #fcd34d;
    color: #92400e;
  }
  .badge.status.awaiting_participant {
    background: #f5f3ff;
    border-color: #c4b5fd;
    color: #5b21b6;
  }
  .badge.status.resolved {
    background: #ecfdf5;
    border-color: #6ee7b7;
    color: #065f46;
  }
  .badge.status.closed {
    background: #f1f5f9;
    border-color: #cbd5e1;
    color: #475569;
  }
  .badge.sla.running {
    background: #eff6ff;
    border-color: #93c5fd;
    color: #1e40af;
  }
  .badge.sla.warning {
    background: #fffbeb;
    border-color: #f59e0b;
    color: #92400e;
    font-weight: 600;
  }
  .badge.sla.breached {
    background: #b91c1c;
    border-color: #b91c1c;
    color: #fff;
    font-weight: 600;
  }
  .badge.sla.met {
    background: #ecfdf5;
    border-color: #6ee7b7;
    color: #065f46;
  }
  .badge.sla.paused {
    background: #f1f5f9;
    border-color: #cbd5e1;
    color: #475569;
  }
  .sla-due {
    display: inline-block;
    font-size: 0.85rem;
  }
  .sla-due.breached {
    color: #991b1b;
    font-weight: 600;
  }
  .sla-due.warning {
    color: #92400e;
  }
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 0.85rem;
  }
  .scroll {
    overflow-x: auto;
  }
  .nowrap {
    white-space: nowrap;
  }
  .num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  form.stack,
  .stack {
    display: grid;
    gap: 8px;
  }
  label.field {
    display: grid;
    gap: 4px;
    font-weight: 600;
    font-size: 0.9rem;
  }
  label.field > input,
  label.field > select,
  label.field > textarea {
    font-weight: 400;
    width: 100%;
  }
  textarea {
    min-height: 6em;
    resize: vertical;
    width: 100%;
  }
  .actions {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
    align-items: center;
  }
  .hint {
    font-size: 0.85rem;
  }
  .ok-text {
    color: #065f46;
  }
  .bad-text {
    color: #991b1b;
    font-weight: 600;
  }
  details > summary {
    cursor: pointer;
    font-weight: 600;
  }
`;
