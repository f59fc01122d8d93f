import { GeometryParseError } from './geometry.errors';
import { looksLikeIges, looksLikeStep } from './step/step.parser';
import { isBinaryStl, startsWithSolid } from './stl/stl.parser';

export type FileKind = 'stl' | 'obj' | '3mf' | 'step' | 'iges';

const EXTENSIONS: Record<string, FileKind> = {
  stl: 'stl',
  obj: 'obj',
  '3mf': '3mf',
  step: 'step',
  stp: 'step',
  p21: 'step',
  iges: 'iges',
  igs: 'iges',
};

export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSIONS);

/**
 * Decides the format from the bytes first (ZIP magic, STEP header, the STL size rule) and the file name
 * second: content that identifies itself beats a wrong extension, and the extension settles the rest.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): FileKind {
  if (bytes.length === 0) throw new GeometryParseError('EMPTY_FILE', `"${fileName}" is empty (0 bytes); upload the file again.`);
  const extension = (/\.([a-z0-9]+)$/i.exec(fileName)?.[1] ?? '').toLowerCase();
  const byName: FileKind | undefined = EXTENSIONS[extension];
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return '3mf';
  if (looksLikeStep(bytes)) return 'step';
  if (byName === 'stl' || byName === undefined) {
    if (isBinaryStl(bytes) || startsWithSolid(bytes)) return 'stl';
  }
  if (byName) return byName;
  if (looksLikeIges(bytes)) return 'iges';
  if (looksLikeObj(bytes)) return 'obj';
  throw new GeometryParseError(
    'UNKNOWN_FORMAT',
    `"${fileName}" is not a format Partsmith reads; upload STL, OBJ, 3MF, STEP or IGES (extensions: ${SUPPORTED_EXTENSIONS.map((e) => '.' + e).join(', ')}).`,
  );
}

function looksLikeObj(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  return /^\s*v\s+[-+.\d]/m.test(head) && !/[\x00-\x08\x0e-\x1f]/.test(head);
}
