import {
  formatMiB,
  formatMs,
  formatPercent,
  formatRate,
  type NumberFormat,
  type TableCell,
} from '@paybench/bench-analysis';

/** A number as the model's format says; unknown is '-', never 0. The only place a table figure is rounded. */
export function numberText(value: number | null, format: NumberFormat): string {
  if (value === null) return '-';
  switch (format) {
    case 'ms':
      return formatMs(value);
    case 'rate':
      return formatRate(value);
    case 'percent':
      return formatPercent(value);
    case 'mib':
      return formatMiB(value);
    case 'fixed1':
      return value.toFixed(1);
    case 'fixed3':
      return value.toFixed(3);
    case 'share1':
      return `${(100 * value).toFixed(1)}%`;
    case 'share0':
      return `${(100 * value).toFixed(0)}%`;
    case 'count':
      return String(value);
  }
}

/** A cell's text without any emphasis: what every output shows of it (the terminal adds a mark's detail). */
export function cellText(cell: TableCell): string {
  switch (cell.kind) {
    case 'number':
      return numberText(cell.value, cell.format);
    case 'text':
      return cell.text;
    case 'mark':
      return cell.label;
    case 'empty':
      return '';
  }
}

/** The columns that start a group, with the group: where its heading is written. */
export function groupStarts<T extends { group?: unknown }>(columns: readonly T[]): boolean[] {
  return columns.map((c, i) => c.group !== undefined && (i === 0 || columns[i - 1]?.group !== c.group));
}
