/**
 * @partsmith/geometry — parse 3D files and measure them for manufacturing. Pure functions, no I/O besides the
 * STEP/IGES child process. See libs/geometry/README.md.
 */
export { GeometryParseError, isGeometryParseError, type GeometryErrorCode } from './geometry.errors';
export type {
  AnalyzeOptions,
  BoundingBox,
  Finding,
  FindingCode,
  FindingLocation,
  GeometryReport,
  LengthUnit,
  ManufacturingProcess,
  Mesh,
  MeshFormat,
  OrientedBoundingBox,
  ProcessRules,
  Severity,
  UnitOverride,
  Vec3,
} from './geometry.types';
export { MM_PER_UNIT } from './units';
export { detectFormat, SUPPORTED_EXTENSIONS, type FileKind } from './format-detection';
export { parseMesh, type ParseOptions } from './parse-mesh';
export { parseStl, parseBinaryStl, isBinaryStl } from './stl/stl.parser';
export { parseAsciiStl } from './stl/stl-ascii.parser';
export { quickBinaryStlMeasures, type QuickStlMeasures } from './stl/stl-measures';
export { parseObj } from './obj/obj.parser';
export { parse3mf, type ThreeMfParseOptions } from './threemf/threemf.parser';
export { parseStep, type StepParseOptions } from './step/step.parser';
export { analyzeMesh } from './analysis/analyze-mesh';
export { analyzeFile, type AnalyzeFileOptions } from './analyze-file';
export { PROCESS_RULES, GENERIC_RULES } from './analysis/process-rules';
export { buildPreview, type Preview, type PreviewLevel, type PreviewOptions } from './preview/preview';
export { previewToStl, previewToJson, previewFromJson, type PreviewJson } from './preview/preview-encoding';
export { previewToViewerMesh, VIEWER_MESH_MAGIC, VIEWER_MESH_VERSION } from './preview/viewer-mesh';
export { GeometryPool, type GeometryPoolOptions, type PreviewFiles } from './threads/geometry-pool';
