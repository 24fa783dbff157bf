import { describe, expect, it } from 'vitest';
import { errorProblem, type Problem } from './cell-problems.js';
import { cellStatus } from './cell-status.js';

const noted: Problem = { message: 'a CPU profile is missing', disqualifies: false };
const disqualifying: Problem = { message: 'a process died', disqualifies: true };

describe('cellStatus', () => {
  it('is ok when the load ended and no problem disqualifies it, whatever was noted', () => {
    expect(cellStatus({ interrupted: false, loadEnded: true, problems: [] })).toBe('ok');
    expect(cellStatus({ interrupted: false, loadEnded: true, problems: [noted, noted] })).toBe('ok');
  });

  it('is invalid when any problem disqualifies the figures', () => {
    expect(cellStatus({ interrupted: false, loadEnded: true, problems: [noted, disqualifying] })).toBe('invalid');
  });

  it('is invalid, not ok, when an error ended the cell after its load (the log accounting was never read)', () => {
    const error = errorProblem(new Error('cannot read the log accounting: ECONNREFUSED'));
    expect(cellStatus({ interrupted: false, loadEnded: true, problems: [error] })).toBe('invalid');
  });

  it('is failed when the load did not end: there are no figures to judge', () => {
    expect(cellStatus({ interrupted: false, loadEnded: false, problems: [noted] })).toBe('failed');
    expect(cellStatus({ interrupted: false, loadEnded: false, problems: [disqualifying] })).toBe('failed');
  });

  it('is interrupted after Ctrl-C, whatever else happened', () => {
    expect(cellStatus({ interrupted: true, loadEnded: false, problems: [disqualifying] })).toBe('interrupted');
    expect(cellStatus({ interrupted: true, loadEnded: true, problems: [] })).toBe('interrupted');
  });
});
