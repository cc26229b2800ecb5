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
  .stale {
    opacity: 0.55;
    transition: opacity 0.2s;
  }
  @media (max-width: 600px) {
    .page {
      gap: 8px;
    }
  }
`;
