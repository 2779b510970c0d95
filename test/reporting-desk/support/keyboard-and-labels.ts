import type { Page } from 'playwright-core';

/**
 * Checks by hand of what an accessibility audit would flag first, on the page as drawn: every
 * form control and every button or link has an accessible name, every chart has a label, every
 * id a control points to exists, ids are unique, tables have column headers. Answers the offenders.
 */
export async function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const offenders: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('class') ? `.${el.getAttribute('class')!.split(/\s+/).join('.')}` : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}${el.getAttribute('data-cell') ? `[data-cell=${el.getAttribute('data-cell')}]` : ''}`;
    const byIds = (ids: string | null) => (ids ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id));
    const nameOf = (el: Element): string => {
      const labelled = byIds(el.getAttribute('aria-labelledby'));
      if (labelled.length) return labelled.map((l) => l?.textContent ?? '').join(' ').trim();
      const aria = el.getAttribute('aria-label');
      if (aria?.trim()) return aria.trim();
      const labels = (el as HTMLInputElement).labels;
      if (labels?.length) return Array.from(labels).map((l) => l.textContent ?? '').join(' ').trim();
      if (el.tagName === 'BUTTON' || el.tagName === 'A' || el.tagName === 'SUMMARY') return (el.textContent ?? '').trim();
      return el.getAttribute('title')?.trim() ?? '';
    };
    const shown = (el: Element) => !el.closest('[hidden]');
    for (const el of Array.from(document.querySelectorAll('input, select, textarea'))) if (shown(el) && !nameOf(el)) offenders.push(`no label: ${describe(el)}`);
    for (const el of Array.from(document.querySelectorAll('button, a[href], summary, [role="button"], [tabindex="0"]'))) if (shown(el) && !nameOf(el)) offenders.push(`no name: ${describe(el)}`);
    for (const el of Array.from(document.querySelectorAll('svg[role="img"], figure > svg'))) if (!nameOf(el) && !el.closest('figure')?.querySelector('figcaption, h2, h3')) offenders.push(`chart without a label: ${describe(el)}`);
    for (const el of Array.from(document.querySelectorAll('[aria-labelledby], [aria-describedby], label[for]'))) {
      for (const attr of ['aria-labelledby', 'aria-describedby', 'for']) for (const [i, target] of byIds(el.getAttribute(attr)).entries()) if (!target) offenders.push(`${attr} names a missing id (${el.getAttribute(attr)!.split(/\s+/)[i]}): ${describe(el)}`);
    }
    const seen = new Map<string, number>();
    for (const el of Array.from(document.querySelectorAll('[id]'))) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    for (const [id, n] of seen) if (n > 1) offenders.push(`id used ${n} times: ${id}`);
    for (const table of Array.from(document.querySelectorAll('table'))) if (shown(table) && !table.querySelector('th[scope="col"]')) offenders.push(`table without column headers: ${describe(table)}`);
    return offenders;
  });
}

/** `hook`: the id, or the data-* attribute or name the page's code and tests know the control by. */
export type TabStop = { hook: string; tag: string; cell: string | null; name: string };

/** Presses Tab from the top of the page until focus comes back round (or `max` presses), recording each stop. */
export async function tabThrough(page: Page, max = 400): Promise<TabStop[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const stops: TabStop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const hook = el.id || ['data-cell', 'data-filter', 'data-open-history', 'data-export', 'data-pledge-link', 'name'].map((a) => (el.getAttribute(a) ? `${a}=${el.getAttribute(a)}` : '')).find(Boolean) || '';
      return { hook, tag: el.tagName.toLowerCase(), cell: el.getAttribute('data-cell'), name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60) };
    });
    if (stop === null) {
      if (stops.length) break; // focus left the document: round the loop
      continue;
    }
    if (stops.length && stops[0].hook === stop.hook && stops[0].name === stop.name) break;
    stops.push(stop);
  }
  return stops;
}
