import { createHash } from 'node:crypto';
import { breakdownFromKinds, COMPONENT_OF, eventPoints, type ScoreEventKind } from '@partsmith/factories';
import type { ObjectStorage } from '@partsmith/platform';
import type { EntityManager } from 'typeorm';
import { DEMO_FACTORY_NETWORK, type DemoFactory } from './factory-network.data';

/** ISO 4217 exponents that are not 2. */
const ZERO_DECIMAL = new Set(['JPY', 'VND', 'KRW']);
const minor = (amount: number, currency: string) => Math.round(amount * (ZERO_DECIMAL.has(currency) ? 1 : 100));
const day = (offset: number, from = new Date()) => new Date(from.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

/** Deterministic per factory, so the demo history is the same on every machine. */
function random(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

/** A small but real PDF naming the certificate, so the vault's documents open. */
function certificatePdf(text: string): Buffer {
  const content = `BT /F1 14 Tf 60 760 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function history(factory: DemoFactory): Array<{ kind: ScoreEventKind; value: number | null; sourceRef: string; occurredAt: Date }> {
  const next = random(factory.slug);
  const h = factory.history;
  const events: Array<{ kind: ScoreEventKind; value: number | null; sourceRef: string; occurredAt: Date }> = [];
  const offers = Math.round(h.jobs / Math.max(h.acceptance, 0.1));
  for (let i = 0; i < offers; i++) {
    const at = new Date(Date.now() - Math.floor(next() * 360 + 5) * 86_400_000);
    const ref = `demo:${factory.slug}:offer-${i + 1}`;
    events.push({ kind: 'offer_response', value: Math.round(h.responseMinutes * 60 * (0.3 + next() * 1.7)), sourceRef: ref, occurredAt: at });
    events.push({ kind: i < h.jobs ? 'offer_accepted' : 'offer_declined', value: null, sourceRef: ref, occurredAt: at });
    if (i >= h.jobs) continue;
    const job = `demo:${factory.slug}:job-${i + 1}`;
    const delivered = new Date(at.getTime() + 12 * 86_400_000);
    events.push({ kind: next() < h.onTime ? 'delivery_on_time' : 'delivery_late', value: null, sourceRef: job, occurredAt: delivered });
    const quality = next();
    events.push({ kind: quality < h.clean ? 'accepted_clean' : quality < h.clean + h.rework ? 'rework' : 'disputed', value: null, sourceRef: job, occurredAt: delivered });
    if (next() < 0.7) events.push({ kind: 'review', value: Math.max(1, Math.min(5, Math.round(h.stars + (next() - 0.5) * 1.6))), sourceRef: job, occurredAt: delivered });
  }
  return events;
}

/**
 * Gives each demo factory organisation its profile, machines, certificates (documents in storage when
 * given one), vetting state and scorecard history. Idempotent: an organisation that already has a
 * factory profile is left alone. Returns how many profiles it created.
 */
export async function seedFactoryNetwork(db: EntityManager, storage?: ObjectStorage): Promise<number> {
  let created = 0;
  for (const factory of DEMO_FACTORY_NETWORK) {
    const [organization] = await db.query(`SELECT id FROM organizations WHERE slug = $1 AND kind = 'factory'`, [factory.slug]);
    if (!organization) continue;
    const a = factory.address;
    const inserted: Array<{ id: string }> = await db.query(
      `INSERT INTO factories (organization_id, status, status_reason, legal_name, address_line1, city, postal_code, region, country, latitude, longitude,
                              time_zone, languages, processes, materials, finishes, working_calendar, itar_registered, serves_countries, export_notes,
                              on_probation, probation_jobs_required, probation_max_job_value_minor, probation_currency, probation_max_open_jobs,
                              applied_at, decided_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, o.country, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 5, $21, $22, 3,
              now() - make_interval(days => $23::int),
              CASE WHEN $2 IN ('applied', 'under_review') THEN NULL ELSE now() - make_interval(days => $23::int - 10) END
         FROM organizations o WHERE o.id = $1
       ON CONFLICT ON CONSTRAINT factories_organization_key DO NOTHING RETURNING id`,
      [
        organization.id,
        factory.status,
        factory.statusReason ?? null,
        factory.legalName,
        a.line1,
        a.city,
        a.postalCode,
        a.region,
        a.latitude,
        a.longitude,
        factory.timeZone,
        factory.languages,
        factory.processes,
        factory.materials,
        factory.finishes,
        JSON.stringify({ shifts: factory.shifts, holidays: factory.holidays }),
        factory.itarRegistered ?? false,
        factory.servesCountries ?? null,
        factory.exportNotes ?? null,
        factory.onProbation,
        minor(2500, 'EUR'), // probation: jobs up to EUR 2,500
        'EUR',
        factory.history.jobs > 5 ? 400 : 30,
      ],
    );
    if (!inserted.length) continue;
    created += 1;
    const factoryId = inserted[0].id;

    for (const m of factory.machines) {
      await db.query(
        `INSERT INTO factory_machines (factory_id, process, make, model, envelope_x_mm, envelope_y_mm, envelope_z_mm, max_part_mass_kg, tolerance_mm, hourly_rate_minor, currency, count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [factoryId, m.process, m.make, m.model, ...m.envelope, m.maxPartMassKg, m.toleranceMm, minor(m.hourlyRate, factory.currency), factory.currency, m.count],
      );
    }

    for (const [i, c] of factory.certificates.entries()) {
      const number = `${c.kind.toUpperCase().replace(/_/g, '-')}-${factory.slug.slice(0, 3).toUpperCase()}-${String(1000 + i * 37 + factory.slug.length * 11)}`;
      const validUntil = day(c.validForDays);
      const validFrom = day(c.validForDays - 3 * 365);
      let document: { key: string; sha256: string; size: number } | null = null;
      if (c.withDocument && storage) {
        const pdf = certificatePdf(`${factory.legalName} - ${c.kind.toUpperCase()} ${number} - valid ${validFrom} to ${validUntil} - issued by ${c.issuer}`);
        const key = `certificates/${factoryId}/demo-${c.kind}-${i}.pdf`;
        await storage.put(key, pdf, { contentType: 'application/pdf' });
        document = { key, sha256: createHash('sha256').update(pdf).digest('hex'), size: pdf.length };
      }
      const decided = c.status === 'verified' || c.status === 'rejected' || c.status === 'expired';
      await db.query(
        `INSERT INTO factory_certificates (factory_id, kind, title, number, issuer, scope, valid_from, valid_until, status, decision_note, decided_at,
                                           document_key, document_name, document_sha256, document_size_bytes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          factoryId, c.kind, c.title ?? null, number, c.issuer, c.scope, validFrom, validUntil, c.status,
          c.note ?? (c.status === 'verified' ? 'Checked against the issuer\'s public register (demo)' : null),
          decided ? new Date(Date.now() - 200 * 86_400_000) : null,
          document?.key ?? null, document ? `${c.kind}-${number}.pdf` : null, document?.sha256 ?? null, document?.size ?? null,
        ],
      );
    }

    const events = history(factory);
    for (const event of events) {
      await db.query(
        `INSERT INTO factory_score_events (factory_id, kind, component, value, points, source_ref, occurred_at)
         SELECT $1, $2, $3, $4, $5, $6, $7
         ON CONFLICT ON CONSTRAINT factory_score_events_source_key DO NOTHING`,
        [factoryId, event.kind, COMPONENT_OF[event.kind], event.value, eventPoints(event.kind, event.value), event.sourceRef, event.occurredAt],
      );
    }
    const rows: Array<{ kind: ScoreEventKind; n: number; points: number }> = await db.query(
      `SELECT kind, count(*)::int AS n, coalesce(sum(points), 0)::float8 AS points FROM factory_score_events WHERE factory_id = $1 AND voided_at IS NULL GROUP BY kind`,
      [factoryId],
    );
    const breakdown = breakdownFromKinds(rows);
    await db.query(
      `INSERT INTO factory_scorecards (factory_id, score, breakdown, clean_jobs, event_count) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT factory_scorecards_pkey DO NOTHING`,
      [factoryId, breakdown.score, JSON.stringify(breakdown), breakdown.kinds.accepted_clean ?? 0, rows.reduce((sum, row) => sum + row.n, 0)],
    );
  }
  return created;
}

