import { css } from 'lit';

export const explorerPageStyles = css`
  :host {
    display: block;
  }
  .page {
    display: grid;
    gap: 12px;
  }
  .title {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px 16px;
    flex-wrap: wrap;
  }
  .title h1 {
    margin: 0;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
    align-items: center;
    justify-content: space-between;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
    align-items: center;
  }
  .failure {
    margin: 0;
    padding: 8px 12px;
    border: 1px solid #fca5a5;
    background: #fef2f2;
    border-radius: 6px;
  }
  .warn {
    margin: 0;
    color: #92400e;
  }
  /* Field statistics beside the rows on a wide screen (so the first rows are in view), above them on a narrow one. */
  .results-area {
    display: grid;
    gap: 12px;
    align-items: start;
  }
  .results-column {
    display: grid;
    gap: 12px;
    min-width: 0;
  }
  @media (min-width: 1100px) {
    .results-area {
      grid-template-columns: minmax(15em, 19em) minmax(0, 1fr);
    }
  }
  .stale {
    opacity: 0.55;
    transition: opacity 0.2s;
  }
  @media (max-width: 600px) {
    .page {
      gap: 8px;
    }
    .tools {
      width: 100%;
      justify-content: space-between;
    }
  }
`;
