// One helper registers every card in the card picker (window.customCards) and defines its element once.

interface CustomCardEntry {
  type: string;
  name: string;
  description: string;
  preview?: boolean;
  documentationURL?: string;
}

declare global {
  interface Window {
    customCards?: CustomCardEntry[];
  }
}

export const DOCS_URL = 'https://github.com/autoarr/autoarr/blob/main/autoarr/DOCS.md#dashboard-cards';

export function registerCard(tag: string, ctor: CustomElementConstructor, entry: Omit<CustomCardEntry, 'type'>): void {
  // Loading the resource twice (HACS and the add-on, say) must not throw "already defined".
  if (!customElements.get(tag)) customElements.define(tag, ctor);
  window.customCards = window.customCards ?? [];
  if (!window.customCards.some((c) => c.type === tag)) {
    window.customCards.push({ type: tag, preview: true, documentationURL: DOCS_URL, ...entry });
  }
}
