import { readFileSync, statSync } from 'node:fs';

const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

/** Reporting for one command: one clear line on stderr and exit code 1, never a stack trace. */
export function commandIo(command: string) {
  const fail = (line: string): null => {
    process.stderr.write(`partsmith ${command}: ${line}\n`);
    process.exitCode = 1;
    return null;
  };

  /** The file's bytes, or null after saying why it cannot be read. */
  const readInput = (file: string): Buffer | null => {
    try {
      const stats = statSync(file);
      if (stats.isDirectory()) return fail(`${file} is a directory; give the path of a 3D file.`);
      if (stats.size > MAX_INPUT_BYTES) return fail(`${file} is ${Math.round(stats.size / 2 ** 20)} MiB; the limit is 1024 MiB.`);
      return readFileSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return fail(`${file} does not exist; check the path.`);
      if (code === 'EACCES' || code === 'EPERM') return fail(`${file} cannot be read (permission denied).`);
      return fail(`${file} cannot be read (${oneLine(error)}).`);
    }
  };

  return { fail, readInput };
}

export function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
