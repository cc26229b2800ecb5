import { css } from 'lit';

export const deviceTableStyles = css`
  .controls {
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
    margin-bottom: 8px;
  }
  .controls input[type='search'] {
    flex: 1 1 220px;
    max-width: 360px;
  }
  .scroll {
    overflow-x: auto;
    -webkit-overflow-scrolling: touch;
  }
  th {
    vertical-align: bottom;
  }
  table {
    min-width: 760px;
  }
  table.busy tbody {
    opacity: 0.5;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  td {
    white-space: nowrap;
    vertical-align: middle;
  }
  td.host {
    font-weight: 600;
  }
  .pager {
    display: flex;
    gap: 8px;
    align-items: center;
    justify-content: flex-end;
    flex-wrap: wrap;
    margin-top: 8px;
  }
  .pager .range {
    font-variant-numeric: tabular-nums;
  }
  .empty {
    padding: 16px 8px;
  }
`;
