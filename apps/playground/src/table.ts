import { el } from './render.js';

/** Shows a cell: numbers rounded for reading, missing as an empty cell. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

/** An HTML table of `rows` (objects) with the given columns as its header. */
export function recordsTable(columns: readonly string[], rows: readonly Record<string, unknown>[], testId: string): HTMLTableElement {
  const table = el('table', { class: 'records', 'data-testid': testId, 'data-rows': String(rows.length) });
  const head = el('tr');
  for (const name of columns) head.append(el('th', {}, name));
  table.append(head);
  for (const row of rows) {
    const tr = el('tr');
    for (const name of columns) tr.append(el('td', {}, cellText(row[name])));
    table.append(tr);
  }
  return table;
}

/** A link that downloads `text` as `name` (an object URL; the previous one of `holder` is revoked). */
export function textDownloadLink(holder: HTMLElement, name: string, text: string, type: string, testId: string): void {
  holder.querySelectorAll('a').forEach((a) => URL.revokeObjectURL(a.href));
  const link = el('a', { download: name, 'data-testid': testId }, `download ${name}`);
  link.href = URL.createObjectURL(new Blob([text], { type }));
  holder.replaceChildren(link);
}
