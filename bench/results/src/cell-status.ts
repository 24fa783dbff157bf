// A cell's outcome, as result.json stores it on the cell (CellResult) and on its summary (CellSummary).

export type CellStatus =
  /** Ran to the end; figures are valid. */
  | 'ok'
  /** Ran, but a figure cannot be trusted (generator-limited, accounting did not hold...): see `disqualifying`. */
  | 'invalid'
  /** Could not run or crashed: see problems. */
  | 'failed'
  /** Stopped by Ctrl-C/SIGTERM: figures cover only the part that ran. */
  | 'interrupted';
