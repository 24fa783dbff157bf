import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Every file paybench writes goes through here: into a new file of a unique name in the same
 * directory (flag 'wx': never an existing file, never through a symlink), then renamed over the
 * target. A reader sees the old file or the new one, never half of one; two writers never share a
 * temporary file; a symlink at the target is replaced, not followed (the npm package
 * write-file-atomic resolves it and writes to where it points, which is what this avoids).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    // `mode` applies from creation (0o600 for a file of secrets: never readable by others, even for a moment).
    writeFileSync(temporary, data, { flag: 'wx', ...(options.mode === undefined ? {} : { mode: options.mode }) });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
