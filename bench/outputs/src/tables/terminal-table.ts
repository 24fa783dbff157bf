import { columnHeading, type TableCell, type TableModel } from '@paybench/bench-analysis';
import { fixedWidth, renderHeader, renderRow, wrap, type Column } from '../text/text-table.js';
import { cellText, groupStarts } from './cell-text.js';

/** Where the terminal puts a table: the width of each column (layout is the terminal's own business). */
export interface TerminalLayout {
  widths: readonly number[];
  /** Lines are kept to this: the last column is cut to what the others leave, notes are wrapped. */
  maxWidth: number;
  /** Pads the last column too (a table read as columns of figures, not ending in free text). */
  padLast?: boolean;
}

/**
 * A table model as fixed-width lines (text-table.ts): group headings (a topology, then its
 * processes) over their first column, the column headings (short ones where given), the rows (a
 * mark with its detail, cut to the line), then the notes, wrapped.
 */
export function terminalTable(model: TableModel, layout: TerminalLayout): string[] {
  const columns: Column[] = model.columns.map((c, i) => ({
    title: c.short ?? columnHeading(c),
    width: layout.widths[i] ?? 0,
    align: c.align,
  }));
  // An empty last column, so that every real one is padded (renderRow leaves the last as it is).
  if (layout.padLast) columns.push({ title: '', width: 0, align: 'left' });
  const lastRoom = layout.maxWidth - fixedWidth(columns);
  const starts = groupStarts(model.columns);
  const groupLines = model.columns.some((c) => c.group)
    ? [
        spanned(
          columns,
          model.columns.map((c, i) => (starts[i] ? (c.group?.title ?? '') : '')),
        ),
        spanned(
          columns,
          model.columns.map((c, i) => (starts[i] ? (c.group?.subtitle ?? '') : '')),
        ),
      ]
    : [];
  const rows = model.rows.map((row) =>
    renderRow(
      columns,
      row.cells.map((cell, i) => {
        const value = terminalCell(cell);
        return i === columns.length - 1 && value.length > lastRoom ? `${value.slice(0, lastRoom - 1)}~` : value;
      }),
    ),
  );
  return [
    ...groupLines,
    renderHeader(columns),
    ...rows,
    ...model.notes.flatMap((note) => wrap(note, layout.maxWidth, '  ')),
  ];
}

function terminalCell(cell: TableCell): string {
  return cell.kind === 'mark' && cell.bad && cell.detail ? `${cell.label}: ${cell.detail}` : cellText(cell);
}

/** A header line whose text for a column group starts at the group's first column. */
function spanned(columns: readonly Column[], cells: readonly string[]): string {
  let line = '';
  let position = 0;
  columns.forEach((column, i) => {
    const text = cells[i] ?? '';
    if (text) line = `${line.padEnd(position)}${text}`;
    position += column.width + 2;
  });
  return line.trimEnd();
}
