/** What the evidence endpoints take: milestone photos are images; reports and dispute evidence may be PDFs too. */
export const PHOTO_TYPES = ['image/png', 'image/jpeg'] as const;
export const REPORT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
// the API default (PRODUCTION_EVIDENCE_MAX_BYTES); a server configured lower still refuses with 413, which the page words
export const EVIDENCE_MAX_BYTES = 25 * 1024 * 1024;

export function checkEvidenceFile(file: { type: string; size: number }, allowed: readonly string[]): 'fileType' | 'fileSize' | 'emptyFile' | null {
  if (!allowed.includes(file.type)) return 'fileType';
  if (file.size === 0) return 'emptyFile';
  if (file.size > EVIDENCE_MAX_BYTES) return 'fileSize';
  return null;
}
