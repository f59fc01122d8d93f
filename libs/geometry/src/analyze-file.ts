import type { AnalyzeOptions, GeometryReport } from './geometry.types';
import { analyzeMesh, analyzeWelded, weldTolerance } from './analysis/analyze-mesh';
import { detectFormat } from './format-detection';
import { DEFAULT_MAX_TRIANGLES } from './mesh/mesh-builder';
import { DEFAULT_MAX_FILE_BYTES, parseMesh, type ParseOptions } from './parse-mesh';
import { isBinaryStl } from './stl/stl.parser';
import { binaryStlBounds, readWeldedBinaryStl } from './stl/stl-welded.reader';

export type AnalyzeFileOptions = AnalyzeOptions & { parse?: ParseOptions };


/**
 * Parses and analyses in one call. Rejects only with `GeometryParseError`. A valid binary STL is read and welded
 * in one pass (`readWeldedBinaryStl`), which gives the same report as `analyzeMesh(parseMesh(…))` without the
 * separate weld; anything else, including every file with an error to report, takes that path.
 */
export async function analyzeFile(bytes: Uint8Array, fileName: string, options: AnalyzeFileOptions = {}): Promise<GeometryReport> {
  const fused = analyzeBinaryStl(bytes, fileName, options);
  if (fused) return fused;
  const mesh = await parseMesh(bytes, fileName, options.parse);
  return analyzeMesh(mesh, options);
}

function analyzeBinaryStl(bytes: Uint8Array, fileName: string, options: AnalyzeFileOptions): GeometryReport | null {
  if (bytes.length === 0 || bytes.length > (options.parse?.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES) || !isBinaryStl(bytes)) return null;
  if (detectFormat(bytes, fileName) !== 'stl') return null;
  const triangles = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true);
  if (triangles === 0 || triangles > (options.parse?.maxTriangles ?? DEFAULT_MAX_TRIANGLES)) return null;
  const bounds = binaryStlBounds(bytes, triangles);
  if (!bounds) return null;
  const source = { format: 'stl-binary' as const, declaredUnit: null, notes: [] };
  const tolerance = weldTolerance(source, bounds.min, bounds.max, options);
  if (!(tolerance > 0)) return null;
  return analyzeWelded(source, readWeldedBinaryStl(bytes, triangles, tolerance), bounds.min, bounds.max, options);
}
