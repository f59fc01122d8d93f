import { InspectionEvidenceKind } from './entities/job-line-file.entity';

/**
 * Which inspection report a job line must carry before it ships, by the order line's inspection level
 * (the catalog's codes). Standard inspection (visual and calliper checks) needs none; a CMM report or an
 * AS9102 first-article report is what the designer paid for and what arrives with the parts, so the
 * factory cannot ship without it — and the escrow is not released without it either.
 */
const REQUIRED_REPORT: Readonly<Record<string, InspectionEvidenceKind>> = {
  cmm_report: InspectionEvidenceKind.cmm_report,
  first_article_as9102: InspectionEvidenceKind.first_article_as9102,
};

const REPORT_NAMES: Readonly<Record<InspectionEvidenceKind, string>> = {
  inspection_record: 'an inspection record',
  cmm_report: 'a CMM inspection report',
  first_article_as9102: 'an AS9102 first-article inspection report',
};

export function requiredInspectionReport(inspectionLevel: string): InspectionEvidenceKind | null {
  return Object.hasOwn(REQUIRED_REPORT, inspectionLevel) ? REQUIRED_REPORT[inspectionLevel] : null;
}

export function inspectionReportName(kind: InspectionEvidenceKind): string {
  return REPORT_NAMES[kind];
}

/** The report the line still lacks, or null when it may ship. */
export function missingInspectionReport(inspectionLevel: string, uploaded: readonly InspectionEvidenceKind[]): InspectionEvidenceKind | null {
  const required = requiredInspectionReport(inspectionLevel);
  return required && !uploaded.includes(required) ? required : null;
}
