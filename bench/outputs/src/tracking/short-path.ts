import { isAbsolute, relative } from 'node:path';

/** A path relative to the working directory when it lies below it (as a user typed it), else absolute. */
export function shortPath(path: string): string {
  const below = relative(process.cwd(), path);
  return below && !below.startsWith('..') && !isAbsolute(below) ? below : path;
}
