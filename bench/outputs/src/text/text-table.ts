/** A column of a fixed-width table: numbers align right, text left. */
export interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

/** Terminal lines are kept under this width. */
export const MAX_LINE_WIDTH = 150;

const GAP = '  ';

/**
 * Pads (or cuts, marking the cut with '~') each cell to its column's width. The last column is
 * left unpadded so that lines carry no trailing spaces.
 */
export function renderRow(columns: readonly Column[], cells: readonly string[]): string {
  return columns
    .map((column, i) => {
      const text = cells[i] ?? '';
      const last = i === columns.length - 1;
      if (last) return text;
      const fitted = text.length > column.width ? `${text.slice(0, column.width - 1)}~` : text;
      return column.align === 'right' ? fitted.padStart(column.width) : fitted.padEnd(column.width);
    })
    .join(GAP)
    .trimEnd();
}

export function renderHeader(columns: readonly Column[]): string {
  return renderRow(
    columns,
    columns.map((c) => c.title),
  );
}

/** Width of every column but the last, with the gaps: what is left for the last one. */
export function fixedWidth(columns: readonly Column[]): number {
  return columns.slice(0, -1).reduce((total, c) => total + c.width + GAP.length, 0);
}

/**
 * Splits text into lines of at most `width` characters at spaces (a longer word keeps its own
 * line: text is never cut); the leading indentation of `text` is kept, and continuation lines
 * start with `indent`.
 */
export function wrap(text: string, width: number, indent: string): string[] {
  const lead = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const prefix = lines.length === 0 ? lead : indent;
    const candidate = line === prefix ? `${line}${word}` : `${line} ${word}`;
    if (candidate.length > width && line !== prefix) {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = candidate;
    }
  }
  lines.push(line);
  return lines;
}
