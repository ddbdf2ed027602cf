import { css } from 'lit';

export const auditStyles = css`
  section {
    margin-top: 1.4rem;
  }
  section > h2 {
    margin-bottom: 0.6rem;
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  details > summary {
    cursor: pointer;
    list-style: none;
    margin-bottom: 0.6rem;
  }
  details > summary h2 {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  details > summary::before {
    content: '▸ ';
    color: var(--muted);
  }
  details[open] > summary::before {
    content: '▾ ';
  }
  .scores {
    display: grid;
    gap: 0.8rem;
    grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
  }
  .score .label {
    font-size: 0.8rem;
    font-weight: 650;
    color: var(--muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .score .big {
    font-size: 1.8rem;
    font-weight: 750;
  }
  .score .err {
    color: var(--bad);
  }
  .tone-text-ok {
    color: var(--ok);
  }
  .tone-text-warn {
    color: var(--warn);
  }
  .tone-text-bad {
    color: var(--bad);
  }
  ul.findings,
  ul.changes {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.7rem;
  }
  .finding {
    display: grid;
    gap: 0.5rem;
  }
  .finding.sev-critical {
    border-left: 4px solid var(--bad);
  }
  .finding.sev-warning {
    border-left: 4px solid var(--warn);
  }
  .finding.sev-info {
    border-left: 4px solid var(--info);
  }
  .preview {
    background: var(--info-bg);
    border-radius: 8px;
    padding: 0.7rem;
    display: grid;
    gap: 0.4rem;
  }
  ul.changes li {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 0.8rem;
    padding: 0.6rem 0;
    border-bottom: 1px solid var(--line);
    flex-wrap: wrap;
  }
  ul.changes li:last-child {
    border-bottom: none;
  }
`;
