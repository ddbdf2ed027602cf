// Card styles built on Home Assistant's theme variables, with fallbacks for pages outside HA.
import { css } from 'lit';

export const cardStyles = css`
  :host {
    display: block;
  }
  ha-card {
    display: block;
    height: 100%;
    padding: 12px 16px 14px;
    box-sizing: border-box;
    color: var(--primary-text-color, #212121);
    background: var(--ha-card-background, var(--card-background-color, #fff));
    border-radius: var(--ha-card-border-radius, 12px);
    border: var(--ha-card-border-width, 1px) solid var(--ha-card-border-color, var(--divider-color, #e0e0e0));
    box-shadow: var(--ha-card-box-shadow, none);
    font-family: var(--ha-font-family-body, var(--paper-font-body1_-_font-family, system-ui, sans-serif));
  }
  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    margin-bottom: 8px;
  }
  .title {
    font-size: var(--ha-card-header-font-size, 1.1rem);
    font-weight: 500;
  }
  .sub {
    color: var(--secondary-text-color, #727272);
    font-size: 0.85rem;
  }
  /* Text on badges, tiles and warnings is always the theme's text colour (it reads on any HA theme); the tone is the
     coloured dot and tint, since HA's green, orange and red do not reach 4.5:1 as small text on a card. */
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 5px;
    font-size: 0.72rem;
    font-weight: 600;
    border-radius: 999px;
    padding: 1px 8px;
    white-space: nowrap;
    background: rgba(var(--rgb-primary-text-color, 33, 33, 33), 0.06);
    color: var(--primary-text-color, #212121);
  }
  .badge.warn,
  .badge.bad,
  .badge.ok {
    --tone: var(--warning-color, #ffa600);
    background: color-mix(in srgb, var(--tone) 14%, transparent);
  }
  .badge.bad {
    --tone: var(--error-color, #db4437);
  }
  .badge.ok {
    --tone: var(--success-color, #43a047);
  }
  .badge.warn::before,
  .badge.bad::before,
  .badge.ok::before {
    content: '';
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: var(--tone);
  }
  .bar {
    height: 6px;
    border-radius: 3px;
    background: rgba(var(--rgb-primary-text-color, 33, 33, 33), 0.1);
    overflow: hidden;
  }
  .bar span {
    display: block;
    height: 100%;
    background: var(--primary-color, #03a9f4);
    transition: width 0.4s ease;
  }
  .bar.warn span {
    background: var(--warning-color, #ffa600);
  }
  .bar.bad span {
    background: var(--error-color, #db4437);
  }
  button {
    font: inherit;
    font-size: 0.82rem;
    font-weight: 600;
    /* The theme's text colour reads on any card; the primary colour marks it as a button. */
    color: var(--primary-text-color, #212121);
    background: transparent;
    border: 1px solid var(--primary-color, #03a9f4);
    border-radius: 8px;
    padding: 4px 10px;
    cursor: pointer;
    min-height: 30px;
  }
  button:focus-visible {
    outline: 2px solid var(--primary-color, #03a9f4);
    outline-offset: 1px;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .empty {
    color: var(--primary-text-color, #212121);
    padding: 8px 0;
    font-size: 0.9rem;
  }
  .warning {
    color: var(--primary-text-color, #212121);
    border-left: 3px solid var(--error-color, #db4437);
    padding-left: 8px;
    font-size: 0.9rem;
  }
`;
