import { columnHeading, type TableCell, type TableModel, type TableRow } from '@paybench/bench-analysis';
import { cellText, groupStarts } from './cell-text.js';

/**
 * A table model as a GitHub-flavoured Markdown table: a group's title and subtitle lead its first
 * column's heading ('monolith (all 3 processes) ms'), totals and bad marks are bold, and each note
 * follows as a sentence.
 */
export function markdownTable(model: TableModel): string[] {
  const starts = groupStarts(model.columns);
  const headings = model.columns.map((c, i) =>
    starts[i] && c.group ? `${c.group.title} (${c.group.subtitle}) ${columnHeading(c)}` : columnHeading(c),
  );
  return [
    `| ${headings.join(' | ')} |`,
    `|${model.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`,
    ...model.rows.map((row) => `| ${row.cells.map((cell, i) => markdownCell(cell, row, i)).join(' | ')} |`),
    ...model.notes.flatMap((note) => ['', `${note}.`]),
  ];
}

function markdownCell(cell: TableCell, row: TableRow, index: number): string {
  const value = cellText(cell);
  const strong =
    (cell.kind === 'number' && cell.strong) || (cell.kind === 'mark' && cell.bad) || (row.total && index === 0);
  return strong && value !== '' ? `**${value}**` : value;
}
