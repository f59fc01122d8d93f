import { GeometryParseError } from './geometry.errors';
import type { Mesh } from './geometry.types';
import { detectFormat } from './format-detection';
import { parseObj } from './obj/obj.parser';
import { parseStep, type StepParseOptions } from './step/step.parser';
import { parseStl } from './stl/stl.parser';
import { parse3mf, type ThreeMfParseOptions } from './threemf/threemf.parser';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024;

export interface ParseOptions {
  /** Refuse larger uploads outright. Default 1 GiB. */
  maxFileBytes?: number;
  /** Refuse meshes with more triangles. Default 50,000,000. */
  maxTriangles?: number;
  threeMf?: Omit<ThreeMfParseOptions, 'maxTriangles'>;
  step?: StepParseOptions;
}

/**
 * Parses STL (binary/ASCII), OBJ, 3MF, STEP or IGES into an indexed mesh. Rejects only with
 * `GeometryParseError`; anything else escaping a parser is a bug and is reported as a damaged file.
 */
export async function parseMesh(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<Mesh> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.length > maxFileBytes) {
    throw new GeometryParseError('FILE_TOO_LARGE', `"${fileName}" is larger than the ${Math.round(maxFileBytes / 1024 / 1024)} MiB Partsmith accepts; decimate or compress it (3MF) first.`);
  }
  const kind = detectFormat(bytes, fileName);
  if (kind === 'step' || kind === 'iges') return parseStep(bytes, kind, options.step);
  try {
    if (kind === 'stl') return parseStl(bytes, { maxTriangles: options.maxTriangles });
    if (kind === 'obj') return parseObj(bytes, { maxTriangles: options.maxTriangles });
    return parse3mf(bytes, { ...options.threeMf, maxTriangles: options.maxTriangles });
  } catch (error) {
    if (error instanceof GeometryParseError) throw error;
    const detail = error instanceof RangeError ? 'it needs more memory than is available' : 'its contents are damaged';
    throw new GeometryParseError('UNKNOWN_FORMAT', `"${fileName}" could not be read as ${kind.toUpperCase()}: ${detail}.`);
  }
}
