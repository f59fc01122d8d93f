/** Length units a file can declare. Everything leaving this library is in millimetres. */
export type LengthUnit = 'micron' | 'mm' | 'cm' | 'm' | 'in' | 'ft';

/** Units a caller may impose on a unitless file (STL, OBJ). */
export type UnitOverride = 'mm' | 'cm' | 'm' | 'in';

export type MeshFormat = 'stl-binary' | 'stl-ascii' | 'obj' | '3mf' | 'step' | 'iges';

export type Vec3 = [number, number, number];

/**
 * An indexed triangle mesh. Coordinates are in the mesh's source unit (`declaredUnit`, or whatever the caller
 * says for unitless formats); `indices` holds three vertex indices per triangle. Vertices with bit-identical
 * coordinates are already shared; near-identical ones are welded later, during analysis.
 */
export interface Mesh {
  format: MeshFormat;
  positions: Float32Array;
  indices: Uint32Array;
  /** Unit the file declares (3MF, STEP: STEP is converted to mm by the kernel). `null` for unitless formats. */
  declaredUnit: LengthUnit | null;
  /** Things the parser noticed that do not make the file invalid (e.g. a mirroring transform). */
  notes: string[];
}

export type Severity = 'info' | 'warning' | 'error';

export type FindingCode =
  | 'NOT_WATERTIGHT'
  | 'NON_MANIFOLD_EDGES'
  | 'INCONSISTENT_WINDING'
  | 'INVERTED_SHELLS'
  | 'DEGENERATE_FACES'
  | 'MULTIPLE_BODIES'
  | 'SUSPICIOUS_SIZE'
  | 'THIN_WALL'
  | 'OVERHANG'
  | 'EXCEEDS_BUILD_ENVELOPE'
  | 'TINY_FEATURES'
  | 'ENCLOSED_CAVITY'
  | 'FILE_NOTE';

export interface FindingLocation {
  /** Box around the affected geometry, mm. */
  bbox?: { min: Vec3; max: Vec3 };
  /** Centroid of the affected geometry, mm. */
  centroidMm?: Vec3;
  /** Affected surface area, mm² (estimated where the check samples). */
  areaMm2?: number;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  location?: FindingLocation;
  /** Check-specific numbers (e.g. `minThicknessMm`, `suggestedUnits`). */
  details?: Record<string, number | string | boolean>;
}

export type ManufacturingProcess = 'fdm' | 'sla' | 'sls' | 'mjf' | 'dmls' | 'cnc' | 'injection_molding';

export interface ProcessRules {
  /** Thinnest wall the process holds reliably, mm. */
  minWallMm: number;
  /** Smallest feature (body dimension) the process resolves, mm. */
  minFeatureMm: number;
  /** Whether downward-facing surfaces need support structures (FDM, SLA, DMLS). */
  needsSupports: boolean;
  /** Largest overhang from vertical printed without support, degrees. */
  maxOverhangDeg: number;
  /** Build volume / work envelope, mm. */
  envelopeMm: Vec3;
}

export interface AnalyzeOptions {
  /** Units for unitless formats (STL, OBJ). Ignored when the file declares its unit. Default `mm`. */
  units?: UnitOverride;
  /** Process whose rules drive the DFM checks. Without one, only process-independent checks and a generic
   *  0.5 mm wall check run. */
  process?: ManufacturingProcess;
  /** Overrides for the chosen process's rules (e.g. a specific machine's envelope). */
  rules?: Partial<ProcessRules>;
  /** Weld tolerance in mm. Default: 1e-6 × the bounding-box diagonal. */
  weldToleranceMm?: number;
  /** Rays cast for the thin-wall estimate (cost is bounded by this, not by triangle count). Default 4096. */
  thinWallSamples?: number;
}

export interface BoundingBox {
  min: Vec3;
  max: Vec3;
  size: Vec3;
}

export interface OrientedBoundingBox {
  center: Vec3;
  /** Three orthonormal axes, matching `size` component by component. */
  axes: [Vec3, Vec3, Vec3];
  size: Vec3;
}

export interface GeometryReport {
  format: MeshFormat;
  /** Unit the coordinates were interpreted in before conversion to mm. */
  units: LengthUnit;
  /** Whether `units` came from the file (3MF, STEP) or from the caller / default. */
  unitsDeclared: boolean;
  triangles: number;
  vertices: number;
  /** Enclosed volume of closed shells (cavities subtracted), mm³. Open shells contribute nothing. */
  volumeMm3: number;
  surfaceAreaMm2: number;
  bbox: BoundingBox;
  obb: OrientedBoundingBox;
  centerOfMassMm: Vec3;
  shells: number;
  closedShells: number;
  /** Closed shells nested inside material: internal voids. */
  cavities: number;
  watertight: boolean;
  boundaryEdges: number;
  nonManifoldEdges: number;
  inconsistentWindingEdges: number;
  invertedShells: number;
  degenerateFaces: number;
  findings: Finding[];
}
