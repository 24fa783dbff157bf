// One table, as data: what the terminal summary, summary.md and report.html each write in their
// own syntax (bench/outputs/src/tables/). Built in analysis, so that which rows and which figures a
// table shows is decided once; how a figure is rounded is named here (NumberFormat) and applied by
// one function in outputs, so the three outputs cannot round the same figure differently.

/**
 * How a number is written: `ms`, `rate`, `percent` (a 0..1 share, truncated, no sign) and `mib`
 * (bytes) are the rules of summary/format-units.ts; `fixed1`/`fixed3` a fixed number of
 * decimals; `share1`/`share0` a 0..1 share as a percentage with its sign; `count` a whole number.
 */
export type NumberFormat = 'ms' | 'rate' | 'percent' | 'mib' | 'fixed1' | 'fixed3' | 'share1' | 'share0' | 'count';

export type TableCell =
  /** A figure; null is unknown and shows as '-', never as 0. `strong`: a total, emphasised. */
  | { kind: 'number'; value: number | null; format: NumberFormat; strong?: boolean }
  | { kind: 'text'; text: string }
  /** A verdict on the row: `bad` ones are emphasised; `detail` (the first reason) where there is room. */
  | { kind: 'mark'; label: string; bad: boolean; detail: string | null }
  | { kind: 'empty' };

/** Several adjacent columns under one heading (a topology over its ms, share and ms/req). */
export interface ColumnGroup {
  title: string;
  subtitle: string;
}

export interface TableColumn {
  title: string;
  /** The unit of every figure of the column, written after the title ('p50 ms'). */
  unit?: string;
  /** A shorter heading, for the fixed-width terminal table; the other outputs use title and unit. */
  short?: string;
  align: 'left' | 'right';
  /** Set on every column of a group; the group starts at its first column. */
  group?: ColumnGroup;
}

export interface TableRow {
  cells: TableCell[];
  /** A total row: its label is emphasised where the output can. */
  total?: boolean;
}

export interface TableModel {
  columns: TableColumn[];
  rows: TableRow[];
  /** Phrases said under the table (no full stop: a prose output adds it). */
  notes: string[];
}

export const text = (value: string): TableCell => ({ kind: 'text', text: value });
export const empty: TableCell = { kind: 'empty' };
export const num = (value: number | null, format: NumberFormat, strong = false): TableCell =>
  strong ? { kind: 'number', value, format, strong } : { kind: 'number', value, format };

/** A column's full heading: its title, then its unit. */
export function columnHeading(column: TableColumn): string {
  return column.unit ? `${column.title} ${column.unit}` : column.title;
}
