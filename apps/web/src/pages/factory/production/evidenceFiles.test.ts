import { describe, expect, it } from 'vitest';
import { splitPercent } from '../../operator/DisputesPage';
import { checkEvidenceFile, PHOTO_TYPES, REPORT_TYPES } from './evidenceFiles';

describe('evidence files', () => {
  it('takes images as milestone photos and PDFs only as reports', () => {
    expect(checkEvidenceFile({ type: 'image/jpeg', size: 1000 }, PHOTO_TYPES)).toBeNull();
    expect(checkEvidenceFile({ type: 'application/pdf', size: 1000 }, PHOTO_TYPES)).toBe('fileType');
    expect(checkEvidenceFile({ type: 'application/pdf', size: 1000 }, REPORT_TYPES)).toBeNull();
    expect(checkEvidenceFile({ type: 'image/png', size: 0 }, PHOTO_TYPES)).toBe('emptyFile');
    expect(checkEvidenceFile({ type: 'image/png', size: 26 * 1024 * 1024 }, PHOTO_TYPES)).toBe('fileSize');
  });
});

describe('dispute split', () => {
  it('needs a whole percent strictly between 0 and 100', () => {
    expect(splitPercent('60')).toBe(60);
    expect(splitPercent('1')).toBe(1);
    expect(splitPercent('0')).toBeNull();
    expect(splitPercent('100')).toBeNull();
    expect(splitPercent('33.5')).toBeNull();
    expect(splitPercent('')).toBeNull();
  });
});
