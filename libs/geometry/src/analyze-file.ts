import type { AnalyzeOptions, GeometryReport } from './geometry.types';
import { analyzeMesh } from './analysis/analyze-mesh';
import { parseMesh, type ParseOptions } from './parse-mesh';

export type AnalyzeFileOptions = AnalyzeOptions & { parse?: ParseOptions };

/** Parses and analyses in one call. Rejects only with `GeometryParseError`. */
export async function analyzeFile(bytes: Uint8Array, fileName: string, options: AnalyzeFileOptions = {}): Promise<GeometryReport> {
  const mesh = await parseMesh(bytes, fileName, options.parse);
  return analyzeMesh(mesh, options);
}
