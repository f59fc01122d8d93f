import { InspectionEvidenceKind } from './entities/job-line-file.entity';
import { missingInspectionReport, requiredInspectionReport } from './inspection-evidence';

describe('inspection evidence a job line needs before it ships', () => {
  it('standard inspection needs no report', () => {
    expect(requiredInspectionReport('standard')).toBeNull();
    expect(missingInspectionReport('standard', [])).toBeNull();
  });

  it('a CMM level needs a CMM report; another kind does not count', () => {
    expect(missingInspectionReport('cmm_report', [])).toBe(InspectionEvidenceKind.cmm_report);
    expect(missingInspectionReport('cmm_report', [InspectionEvidenceKind.inspection_record])).toBe(InspectionEvidenceKind.cmm_report);
    expect(missingInspectionReport('cmm_report', [InspectionEvidenceKind.cmm_report])).toBeNull();
  });

  it('first article (AS9102) needs the AS9102 report, not just a CMM report', () => {
    expect(missingInspectionReport('first_article_as9102', [InspectionEvidenceKind.cmm_report])).toBe(InspectionEvidenceKind.first_article_as9102);
    expect(missingInspectionReport('first_article_as9102', [InspectionEvidenceKind.cmm_report, InspectionEvidenceKind.first_article_as9102])).toBeNull();
  });

  it('an unknown level is not mistaken for a requirement of a report kind (no prototype keys)', () => {
    expect(requiredInspectionReport('toString')).toBeNull();
  });
});
