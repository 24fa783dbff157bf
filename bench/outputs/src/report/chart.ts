/** One rendered chart, ready to be inlined in report.html and written as charts/<id>.svg. */
export interface Chart {
  /** Stable, file-name safe ([a-z0-9-]): the SVG file is charts/<id>.svg. */
  id: string;
  title: string;
  /** What the chart shows and how to read it: one or two sentences under it. */
  caption: string;
  svg: string;
  /** Data points plotted (a line's points, bars, heat-map cells): 0 means an empty chart. */
  points: number;
}

/** A file-name safe id from parts: lowercase, [a-z0-9-] only, no leading, trailing or double dash. */
export function chartId(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
