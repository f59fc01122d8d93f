import { readFileSync, statSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';

const MAX_INPUT_BYTES = 1024 * 1024 * 1024;
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** Reporting for one command: one clear line on stderr and exit code 1, never a stack trace. */
export function commandIo(command: string) {
  const fail = (line: string): null => {
    process.stderr.write(`partsmith ${command}: ${line}\n`);
    process.exitCode = 1;
    return null;
  };

  /** The file's bytes, or null after saying why it cannot be read. */
  const readInput = (file: string, what = 'a 3D file', maxBytes = MAX_INPUT_BYTES): Buffer | null => {
    try {
      const stats = statSync(file);
      if (stats.isDirectory()) return fail(`${file} is a directory; give the path of ${what}.`);
      if (stats.size > maxBytes) return fail(`${file} is ${Math.round(stats.size / 2 ** 20)} MiB; the limit is ${Math.round(maxBytes / 2 ** 20)} MiB.`);
      return readFileSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return fail(`${file} does not exist; check the path.`);
      if (code === 'EACCES' || code === 'EPERM') return fail(`${file} cannot be read (permission denied).`);
      return fail(`${file} cannot be read (${oneLine(error)}).`);
    }
  };

  /** A problem file parsed as JSON, or null after saying why not. */
  const readJson = <T>(file: string): T | null => {
    const bytes = readInput(file, 'a problem JSON file', MAX_JSON_BYTES);
    if (!bytes) return null;
    try {
      return JSON.parse(bytes.toString('utf8')) as T;
    } catch (error) {
      return fail(`${file} is not valid JSON (${oneLine(error)}).`);
    }
  };

  return { fail, readInput, readJson };
}

/** commander option parser for --seed, --time-limit-ms and the like. */
export function integerOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

export function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
