import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GeometryParseError, formatBytes } from '../geometry.errors';
import type { Mesh } from '../geometry.types';

export interface StepParseOptions {
  /** Kill the kernel after this long. Default 60 s. */
  timeoutMs?: number;
  /** V8 heap cap for the child (--max-old-space-size). Default 1024 MiB. */
  maxHeapMb?: number;
  /** Resident-memory cap, enforced by polling /proc on Linux (the WASM heap lives outside V8's). Default 2048 MiB. */
  maxRssMb?: number;
  /** Child entry point; tests point this at a deliberately hanging script. */
  childModulePath?: string;
}

interface ChildReply {
  ok: boolean;
  message?: string;
  positions?: Float32Array;
  indices?: Uint32Array;
}

const DEFAULT_CHILD = path.join(__dirname, 'step-child.js');

/**
 * Triangulates a STEP (or IGES) file with OpenCascade (occt-import-js) in a child process, one per file, with
 * heap, memory and time caps. The kernel converts the file's declared length unit to millimetres.
 */
export function parseStep(bytes: Uint8Array, format: 'step' | 'iges', options: StepParseOptions = {}): Promise<Mesh> {
  const label = format === 'iges' ? 'IGES' : 'STEP';
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRssMb = options.maxRssMb ?? 2048;
  if (format === 'step' && !looksLikeStep(bytes)) {
    return Promise.reject(
      new GeometryParseError('STEP_INVALID', 'The file does not start with "ISO-10303-21;", so it is not a STEP file; export it from your CAD tool as STEP AP203/AP214/AP242.'),
    );
  }
  if (format === 'iges' && !looksLikeIges(bytes)) {
    return Promise.reject(
      new GeometryParseError('STEP_INVALID', 'The file is not IGES: its first line is not an 80-column Start record (an "S" in column 73); export it again as IGES or, better, STEP.'),
    );
  }
  return new Promise<Mesh>((resolve, reject) => {
    const child = fork(options.childModulePath ?? DEFAULT_CHILD, [], {
      execArgv: [`--max-old-space-size=${options.maxHeapMb ?? 1024}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    let settled = false;
    const finish = (error: GeometryParseError | null, mesh?: Mesh): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(memoryWatch);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (error) reject(error);
      else resolve(mesh as Mesh);
    };
    const timer = setTimeout(() => {
      finish(new GeometryParseError('STEP_TIMEOUT', `The ${label} file took longer than ${Math.round(timeoutMs / 1000)} s to triangulate and was stopped; simplify the model or export it as STL or 3MF.`));
    }, timeoutMs);
    const memoryWatch = setInterval(() => {
      const rssMb = residentMb(child.pid);
      if (rssMb !== null && rssMb > maxRssMb) {
        finish(new GeometryParseError('STEP_CRASHED', `The ${label} file needed more than ${maxRssMb} MiB of memory to triangulate and was stopped; simplify the model or export it as STL or 3MF.`));
      }
    }, 250);
    child.on('message', (reply: ChildReply) => {
      if (!reply.ok || !reply.positions || !reply.indices) {
        finish(new GeometryParseError('STEP_INVALID', `The ${label} file could not be read: ${reply.message ?? 'no geometry'}. Check it opens in your CAD tool and export it again.`));
        return;
      }
      if (reply.indices.length === 0) {
        finish(new GeometryParseError('NO_TRIANGLES', `The ${label} file holds no solid or surface geometry to analyse (only wireframe or metadata?).`));
        return;
      }
      finish(null, { format, positions: reply.positions, indices: reply.indices, declaredUnit: 'mm', notes: [] });
    });
    child.on('error', (error) => finish(new GeometryParseError('STEP_CRASHED', `The ${label} kernel could not be started (${error.message}).`)));
    child.on('close', (code, signal) => {
      finish(
        new GeometryParseError(
          'STEP_CRASHED',
          `The CAD kernel crashed while reading the ${label} file (${signal ?? `exit code ${code}`}); the file is probably damaged or too complex. Export it again or upload STL or 3MF.`,
        ),
      );
    });
    child.send({ format, bytes }, (error) => {
      if (error) finish(new GeometryParseError('STEP_CRASHED', `The ${label} file (${formatBytes(bytes.length)}) could not be handed to the kernel (${error.message}).`));
    });
  });
}

export function looksLikeStep(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 256)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  return /^\s*ISO-10303-21\s*;/.test(head);
}

export function looksLikeIges(bytes: Uint8Array): boolean {
  // IGES is 80-column records with the section letter in column 73; the first record is a Start record.
  return bytes.length >= 80 && bytes[72] === 0x53 && /^[ 0-9]{7}$/.test(Buffer.from(bytes.buffer, bytes.byteOffset + 73, 7).toString('latin1'));
}

function residentMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
