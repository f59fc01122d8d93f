import { createHash } from 'node:crypto';
import { FILE_FIELDS, JPEG, MILESTONE, PDF, PNG, PROGRESS, ProductionWorld, SHIP } from './production-world';

const FILES = `query F($id: ID!, $purpose: JobLineFilePurpose) { jobLineProgress(jobLineId: $id) { files(purpose: $purpose) { ${FILE_FIELDS} } } }`;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('milestone photos and inspection evidence (REST uploads, GraphQL lists, audited downloads; API, worker, Stripe emulator)', () => {
  const world = new ProductionWorld();

  beforeAll(() => world.setUp({ PRODUCTION_EVIDENCE_MAX_BYTES: '4096' }), 180_000);
  afterAll(() => world.stop());

  it('a CMM-inspected line cannot ship until the CMM report is uploaded; the report and photos are downloadable by the designer, the factory and operators only', async () => {
    const line = await world.awardedLine({ inspection: 'cmm_report' });
    const { jobLineId, orderId, winner, loser } = line;
    const milestoneId = await world.inProduction(line);
    const progress = (await world.as(world.buyer, PROGRESS, { id: jobLineId })).jobLineProgress;
    expect(progress).toMatchObject({ inspectionLevel: 'cmm_report', requiredInspectionReport: 'cmm_report', files: [] });

    // Shipping without the report: a typed error naming what is missing; nothing changes.
    const refused = (await world.as(winner, SHIP, { id: jobLineId })).shipJobLine;
    expect(refused).toMatchObject({ __typename: 'InspectionEvidenceMissingError', errorCode: 'INSPECTION_EVIDENCE_MISSING' });
    expect(refused.message).toContain('CMM inspection report');
    expect(refused.message).toContain('kind=cmm_report');
    expect(await world.jobLineStatus(jobLineId)).toBe('in_production');
    expect(await world.env.db.query(`SELECT 1 FROM job_line_shipments WHERE job_line_id = $1`, [jobLineId])).toEqual([]);

    const reportPath = `/production/job-lines/${jobLineId}/inspection-evidence`;
    // Bad uploads: typed errors, nothing stored.
    expect(await world.upload(reportPath, winner, 'report.txt', 'just text', { kind: 'cmm_report' })).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
    expect(await world.upload(reportPath, winner, 'report.pdf', PDF, { kind: 'caliper_notes' })).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
    expect(await world.upload(reportPath, winner, 'report.pdf', PDF)).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
    expect(await world.upload(reportPath, winner, 'huge.pdf', Buffer.concat([PDF, Buffer.alloc(5000, 32)]), { kind: 'cmm_report' })).toMatchObject({ status: 413 });
    // Only the awarded factory uploads: the designer is refused, others see nothing.
    expect((await world.upload(reportPath, world.buyer, 'report.pdf', PDF, { kind: 'cmm_report' })).status).toBe(403);
    expect((await world.upload(reportPath, loser, 'report.pdf', PDF, { kind: 'cmm_report' })).status).toBe(404);
    expect((await world.upload(reportPath, world.otherBuyer, 'report.pdf', PDF, { kind: 'cmm_report' })).status).toBe(404);
    expect(await world.env.db.query(`SELECT 1 FROM job_line_files WHERE job_line_id = $1`, [jobLineId])).toEqual([]);

    // A standard inspection record is not the report this level needs.
    expect((await world.upload(reportPath, winner, 'visual.pdf', PDF, { kind: 'inspection_record' })).status).toBe(201);
    expect((await world.as(winner, SHIP, { id: jobLineId })).shipJobLine.__typename).toBe('InspectionEvidenceMissingError');

    const report = await world.upload(reportPath, winner, 'cmm-report.pdf', PDF, { kind: 'cmm_report' });
    expect(report).toMatchObject({ status: 201, body: { purpose: 'inspection_report', inspectionKind: 'cmm_report', contentType: 'application/pdf', sizeBytes: PDF.length, sha256: sha256(PDF) } });
    const [allocation] = await world.env.db.query(`SELECT inspection_evidence_at FROM escrow_allocations WHERE order_id = $1 AND allocation_key = $2`, [orderId, jobLineId]);
    expect(allocation.inspection_evidence_at).not.toBeNull();

    // Milestone photos: PNG or JPEG only, of a milestone of this line.
    const photoPath = `/production/job-lines/${jobLineId}/milestones/${milestoneId}/photos`;
    expect(await world.upload(photoPath, winner, 'photo.pdf', PDF)).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
    expect((await world.upload(`/production/job-lines/${jobLineId}/milestones/00000000-0000-4000-8000-000000000000/photos`, winner, 'p.png', PNG)).status).toBe(404);
    expect((await world.upload(photoPath, loser, 'p.png', PNG)).status).toBe(404);
    expect((await world.upload(photoPath, winner, 'bar-stock.png', PNG)).status).toBe(201);
    expect((await world.upload(photoPath, winner, 'bar-stock.jpg', JPEG)).body).toMatchObject({ purpose: 'milestone_photo', milestoneId, contentType: 'image/jpeg' });

    // GraphQL lists them for everyone who may see the line.
    for (const who of [world.buyer, winner, world.operator]) {
      const files = (await world.as(who, FILES, { id: jobLineId, purpose: 'inspection_report' })).jobLineProgress.files;
      expect(files.map((f: any) => f.inspectionKind)).toEqual(['inspection_record', 'cmm_report']);
    }
    const seen = (await world.as(world.buyer, PROGRESS, { id: jobLineId })).jobLineProgress;
    expect(seen.milestones[0].photos.map((p: any) => p.fileName)).toEqual(['bar-stock.png', 'bar-stock.jpg']);
    expect(seen.files).toHaveLength(4);
    expect(await world.errorCode(loser, FILES, { id: jobLineId })).toBe('NOT_FOUND');
    expect(await world.errorCode(world.otherBuyer, FILES, { id: jobLineId })).toBe('NOT_FOUND');

    // Downloads: the same bytes for the designer, the factory and operators; nothing for anyone else; every one audited.
    for (const who of [world.buyer, winner, world.operator]) {
      const got = await world.download(report.body.downloadPath, who);
      expect(got).toMatchObject({ status: 200, contentType: 'application/pdf' });
      expect(sha256(got.body)).toBe(sha256(PDF));
    }
    expect((await world.download(report.body.downloadPath, loser)).status).toBe(404);
    expect((await world.download(report.body.downloadPath, world.otherBuyer)).status).toBe(404);
    const downloads = await world.env.db.query(`SELECT actor_role FROM audit_log WHERE action = 'job_line.file_downloaded' AND subject_id = $1`, [jobLineId]);
    expect(downloads.map((d: any) => d.actor_role).sort()).toEqual(['designer', 'factory_admin', 'operator']);
    const uploads = await world.env.db.query(`SELECT details->>'purpose' AS purpose FROM audit_log WHERE action = 'job_line.file_uploaded' AND subject_id = $1`, [jobLineId]);
    expect(uploads).toHaveLength(4);

    // Now it ships.
    expect((await world.as(winner, SHIP, { id: jobLineId })).shipJobLine).toMatchObject({ __typename: 'JobLineProgress', status: 'shipped' });
  }, 180_000);

  it('a standard-inspection line ships without a report; a first-article line needs the AS9102 report, not a CMM report', async () => {
    const standard = await world.awardedLine();
    await world.inProduction(standard);
    expect((await world.as(standard.winner, SHIP, { id: standard.jobLineId })).shipJobLine).toMatchObject({ status: 'shipped' });

    const fai = await world.awardedLine({ inspection: 'first_article_as9102' });
    await world.inProduction(fai);
    const reportPath = `/production/job-lines/${fai.jobLineId}/inspection-evidence`;
    expect((await world.upload(reportPath, fai.winner, 'cmm.pdf', PDF, { kind: 'cmm_report' })).status).toBe(201);
    const refused = (await world.as(fai.winner, SHIP, { id: fai.jobLineId })).shipJobLine;
    expect(refused).toMatchObject({ __typename: 'InspectionEvidenceMissingError' });
    expect(refused.message).toContain('AS9102');
    expect((await world.upload(reportPath, fai.winner, 'fai.png', PNG, { kind: 'first_article_as9102' })).status).toBe(201);
    expect((await world.as(fai.winner, SHIP, { id: fai.jobLineId })).shipJobLine).toMatchObject({ status: 'shipped' });
    // After shipping, milestone posts are illegal but the typed error path is unchanged.
    expect(await world.errorCode(fai.winner, MILESTONE, { id: fai.jobLineId, kind: 'packed' })).toBe('ILLEGAL_TRANSITION');
  }, 180_000);
});
