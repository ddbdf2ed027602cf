// axe-core in the real page (it walks open shadow roots, so the Lit components are checked too). Tests assert that
// no serious or critical violation remains, and print what and where when one does.
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Frame, Page } from './browser.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** "rule: selector, selector" for every serious or critical violation on the page as it is now. */
export async function seriousViolations(page: Page | Frame): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResults> } }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' | ')}`,
    );
}
