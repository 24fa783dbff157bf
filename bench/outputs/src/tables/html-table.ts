import { columnHeading, type TableCell, type TableModel, type TableRow } from '@paybench/bench-analysis';
import { escapeHtml } from '../report/html-text.js';
import { cellText, groupStarts } from './cell-text.js';

/**
 * A table model as an HTML table (every text escaped): a group's title and subtitle over its
 * columns, the first column as row headings, figures right-aligned, totals and bad marks
 * emphasised. The notes are the caller's to place (the report says them next to its chart).
 */
export function htmlTable(model: TableModel, className = ''): string {
  const grouped = model.columns.some((c) => c.group);
  const starts = groupStarts(model.columns);
  const heading = (i: number) => escapeHtml(columnHeading(model.columns[i] as TableModel['columns'][number]));
  const head = grouped
    ? [
        `<tr>${model.columns
          .map((c, i) => {
            if (!c.group) return `<th scope="col" rowspan="2">${heading(i)}</th>`;
            if (!starts[i]) return '';
            const span = model.columns.filter((o) => o.group === c.group).length;
            return `<th scope="colgroup" colspan="${span}">${escapeHtml(c.group.title)}<br><span class="unit">${escapeHtml(c.group.subtitle)}</span></th>`;
          })
          .join('')}</tr>`,
        `<tr>${model.columns.map((c, i) => (c.group ? `<th scope="col">${heading(i)}</th>` : '')).join('')}</tr>`,
      ]
    : [`<tr>${model.columns.map((_, i) => `<th scope="col">${heading(i)}</th>`).join('')}</tr>`];
  const rows = model.rows.map(
    (row) =>
      `<tr${row.total ? ' class="total"' : ''}>${row.cells.map((cell, i) => htmlCell(model, row, cell, i)).join('')}</tr>`,
  );
  const cls = className ? ` class="${escapeHtml(className)}"` : '';
  return `<table${cls}><thead>${head.join('')}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function htmlCell(model: TableModel, row: TableRow, cell: TableCell, index: number): string {
  const text = escapeHtml(cellText(cell));
  if (index === 0) return `<th scope="row">${row.total ? `<strong>${text}</strong>` : text}</th>`;
  const value =
    cell.kind === 'number' && cell.strong && text !== ''
      ? `<strong>${text}</strong>`
      : cell.kind === 'mark' && cell.bad
        ? `<span class="bad">${text}</span>`
        : text;
  return model.columns[index]?.align === 'right' ? `<td class="num">${value}</td>` : `<td>${value}</td>`;
}
