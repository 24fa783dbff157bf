import { describe, expect, it } from 'vitest';
import { cellTable, cpuBreakdownGroups, cpuBreakdownTable, type TableModel } from '@paybench/bench-analysis';
import { cpuProfile, runResult, steadyCell } from '@paybench/bench-results/testing';
import { MAX_LINE_WIDTH } from '../text/text-table.js';
import { cellText } from './cell-text.js';
import { htmlTable } from './html-table.js';
import { markdownTable } from './markdown-table.js';
import { terminalTable } from './terminal-table.js';

// Cells as each output shows them, read back row by row: the test of "one model, three outputs".
const terminalRows = (model: TableModel) =>
  terminalTable({ ...model, notes: [] }, { widths: model.columns.map(() => 16), maxWidth: 400 })
    .slice(model.columns.some((c) => c.group) ? 3 : 1)
    .map((line) => line.split(/ {2,}/).map((s) => s.trim()));
const markdownRows = (model: TableModel) =>
  markdownTable({ ...model, notes: [] })
    .slice(2)
    .map((line) =>
      line
        .slice(2, -2)
        .split(' | ')
        .map((s) => s.replace(/\*\*/g, '').trim()),
    );
const htmlRows = (model: TableModel) =>
  [...htmlTable(model).matchAll(/<tr[^>]*>(.*?)<\/tr>/g)]
    .map((m) =>
      [...(m[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => (c[1] ?? '').replace(/<[^>]+>/g, '')),
    )
    .slice(model.columns.some((c) => c.group) ? 2 : 1);
// The terminal drops empty cells when splitting on gaps: compare the non-empty ones.
const filled = (rows: string[][]) => rows.map((row) => row.filter((cell) => cell !== ''));

const model: TableModel = {
  columns: [
    { title: 'topology', align: 'left' },
    { title: 'p99', unit: 'ms', align: 'right' },
    { title: 'answered', unit: '%', short: 'avail%', align: 'right' },
    { title: 'status', align: 'left' },
  ],
  rows: [
    {
      cells: [
        { kind: 'text', text: 'monolith' },
        { kind: 'number', value: 12.345, format: 'ms' },
        { kind: 'number', value: 0.9996, format: 'percent' },
        { kind: 'mark', label: 'ok', bad: false, detail: null },
      ],
    },
    {
      cells: [
        { kind: 'text', text: 'micro<services>' },
        { kind: 'number', value: null, format: 'ms', strong: true },
        { kind: 'number', value: 1, format: 'percent' },
        { kind: 'mark', label: 'INVALID', bad: true, detail: null },
      ],
      total: true,
    },
  ],
  notes: ['one note'],
};

describe('the table serialisers', () => {
  it('write the same cells from the same model in the terminal, Markdown and HTML', () => {
    const expected = model.rows.map((row) => row.cells.map(cellText));
    expect(expected).toEqual([
      ['monolith', '12.3', '99.9', 'ok'],
      ['micro<services>', '-', '100', 'INVALID'],
    ]);
    expect(terminalRows(model)).toEqual(expected);
    expect(markdownRows(model)).toEqual(expected);
    expect(htmlRows(model).map((row) => row.map((c) => c.replace(/&lt;/g, '<').replace(/&gt;/g, '>')))).toEqual(
      expected,
    );
  });

  it('give every column a heading in every output, and say the notes', () => {
    const terminal = terminalTable(model, { widths: [14, 6, 6, 0], maxWidth: MAX_LINE_WIDTH });
    expect(terminal[0]).toBe('topology        p99 ms  avail%  status');
    expect(terminal.at(-1)).toBe('one note');
    const markdown = markdownTable(model);
    expect(markdown.slice(0, 2)).toEqual(['| topology | p99 ms | answered % | status |', '|---|---:|---:|---|']);
    expect(markdown.slice(-2)).toEqual(['', 'one note.']);
    expect(markdown[3]).toBe('| **micro<services>** | **-** | 100 | **INVALID** |');
    const html = htmlTable(model, 'cells');
    expect(html).toContain(
      '<thead><tr><th scope="col">topology</th><th scope="col">p99 ms</th><th scope="col">answered %</th><th scope="col">status</th></tr></thead>',
    );
    expect(html).toContain('<tr class="total"><th scope="row"><strong>micro&lt;services&gt;</strong></th>');
    expect(html).toContain('<span class="bad">INVALID</span>');
  });

  it('keep a column in all three outputs: the cell table of a run', () => {
    const cells = [steadyCell({ latencyMs: 5, cpuPerSecond: 0.2, rssBytes: 1e8 })];
    const run = runResult(cells);
    const table = cellTable(
      run.cells.map((c) => ({
        key: c.key,
        topology: c.topology,
        logging: c.logging.name,
        load: 'open-100',
        repeat: c.repeat,
        status: c.status,
        valid: true,
        problems: [],
        notes: [],
        sloP99Ms: 250,
        traffic: null,
        logLines: null,
      })),
      ['monolith'],
    );
    const width = table.columns.length;
    expect(markdownRows(table).every((row) => row.length === width)).toBe(true);
    expect(htmlRows(table).every((row) => row.length === width)).toBe(true);
    expect(filled(terminalRows(table))).toEqual(filled(markdownRows(table)));
    expect(filled(htmlRows(table))).toEqual(filled(markdownRows(table)));
  });

  it('keep the CPU breakdown the same in all three outputs, column groups included', () => {
    const profiled = {
      ...steadyCell({ topology: 'monolith', latencyMs: 5, cpuPerSecond: 0.2, rssBytes: 1e8 }),
      cpuProfiles: [cpuProfile('monolith', { business: 400_000, httpServer: 200_000, logging: 300_000 })],
    };
    const [group] = cpuBreakdownGroups(runResult([profiled]));
    if (!group) throw new Error('no breakdown group');
    const table = cpuBreakdownTable(group);
    expect(filled(terminalRows(table))).toEqual(filled(markdownRows(table)));
    expect(filled(htmlRows(table))).toEqual(filled(markdownRows(table)));
    expect(markdownRows(table).every((row) => row.length === table.columns.length)).toBe(true);
    expect(htmlRows(table).every((row) => row.length === table.columns.length)).toBe(true);
    expect(markdownTable(table)[0]).toBe('| category | monolith (monolith) ms | share | ms/req |');
    expect(htmlTable(table)).toContain(
      '<th scope="colgroup" colspan="3">monolith<br><span class="unit">monolith</span></th>',
    );
  });
});
