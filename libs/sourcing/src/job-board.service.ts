import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, ForbiddenError, InvalidInputError, pageSize, type AppConfig, type RequestContext } from '@partsmith/platform';
import { JobBoardSort, SourcingJob, type JobBoardArgs, type SourcingJobConnection } from './dto/job-board.types';
import { SourcingAccess } from './sourcing-access.service';

const SELECT = `
  SELECT s.job_line_id AS id, s.status, s.mode, s.process, s.material, s.payout_minor::float8 AS "payoutMinor", s.currency,
         s.stalled_reason AS "stalledReason", s.bid_deadline AS "bidDeadline", s.bidding_closed_at AS "biddingClosedAt", s.pick_deadline AS "pickDeadline",
         j.split_of AS "splitOf", s.created_at AS "createdAt", s.organization_id AS "organizationId",
         j.configuration->>'finish' AS finish, j.configuration->>'tolerance' AS tolerance, j.inspection_level AS "inspectionLevel",
         j.quantity, j.due_date AS "dueDate", j.required_certificates AS "requiredCertificates", j.export_controlled AS "exportControlled",
         j.preview_level AS "previewLevel", j.part_id AS "partId", j.part_revision_id AS "partRevisionId"`;

/** The viewing factory's distance to the job (from its candidate row, as ranked); `org` is the parameter holding its organisation. */
const distanceFrom = (org: string) => `(SELECT c.distance_km FROM sourcing_candidates c WHERE c.job_line_id = s.job_line_id AND c.organization_id = ${org})`;

/** Sort key expression and direction; the id breaks ties. NEAREST (factories only) puts unknown distances last. */
function sortBy(sort: JobBoardSort, org: string | null): { key: string; dir: 'ASC' | 'DESC'; cast: string } {
  switch (sort) {
    case JobBoardSort.VALUE:
      return { key: 's.payout_minor', dir: 'DESC', cast: 'bigint' };
    case JobBoardSort.NEWEST:
      return { key: 's.created_at', dir: 'DESC', cast: 'timestamptz' };
    case JobBoardSort.NEAREST:
      if (!org) throw new InvalidInputError('sort NEAREST is by the distance from your factory: only factories can use it');
      return { key: `coalesce(${distanceFrom(org)}, 2147483647)`, dir: 'ASC', cast: 'integer' };
    default:
      return { key: 'j.due_date', dir: 'ASC', cast: 'timestamptz' };
  }
}

/**
 * The job board. Factories see open jobs they were found eligible for or were offered (never another
 * factory's offers); designers see their own organisation's jobs; operators see all. Filters by process,
 * material, due date and payout; sorts by due date, value, age or (factories) distance; Relay cursors over (sort key, id);
 * counts by process and material over the whole filtered set.
 */
@Injectable()
export class JobBoard {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: SourcingAccess,
  ) {}

  async board(ctx: RequestContext, args: JobBoardArgs): Promise<SourcingJobConnection> {
    const principal = ctx.requirePrincipal();
    const limit = pageSize(args, this.config.graphql.maxPageSize);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    let viewerOrg: string | null = null;
    let org: string | null = null; // the parameter holding the viewing factory's organisation

    if (this.access.isFactory(principal)) {
      const caller = await this.access.callerFactory(ctx);
      viewerOrg = caller.organizationId;
      org = param(viewerOrg);
      where.push(`s.status IN ('open', 'stalled') AND j.status = 'sourcing'`);
      where.push(
        args.offeredOnly
          ? `EXISTS (SELECT 1 FROM offers o WHERE o.job_line_id = s.job_line_id AND o.organization_id = ${org} AND o.status IN ('open', 'countered'))`
          : `(EXISTS (SELECT 1 FROM sourcing_candidates c WHERE c.job_line_id = s.job_line_id AND c.organization_id = ${org})
              OR EXISTS (SELECT 1 FROM offers o WHERE o.job_line_id = s.job_line_id AND o.organization_id = ${org} AND o.status IN ('open', 'countered')))`,
      );
    } else if (principal.role === 'designer') {
      where.push(`s.organization_id = ${param(principal.organizationId)}`);
    } else if (!this.access.isOperator(principal)) {
      throw new ForbiddenError('The job board is for factories, designers and operators');
    }
    const sort = sortBy(args.sort ?? JobBoardSort.DUE_DATE, org);
    if (args.process) where.push(`s.process = ${param(args.process)}`);
    if (args.material) where.push(`s.material = ${param(args.material)}`);
    if (args.dueFrom) where.push(`j.due_date >= ${param(args.dueFrom)}`);
    if (args.dueTo) where.push(`j.due_date <= ${param(args.dueTo)}`);
    if (args.minValueMinor != null) where.push(`s.payout_minor >= ${param(Math.ceil(args.minValueMinor))}`);
    if (args.maxValueMinor != null) where.push(`s.payout_minor <= ${param(Math.floor(args.maxValueMinor))}`);
    const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM sourcing_jobs s JOIN job_lines j ON j.id = s.job_line_id ${filtered}`;

    const facetParams = [...params];
    const [{ total }] = await ctx.db.query(`SELECT count(*)::int AS total ${from}`, facetParams);
    const byProcess = await ctx.db.query(`SELECT s.process AS value, count(*)::int AS count ${from} GROUP BY 1 ORDER BY 2 DESC, 1`, facetParams);
    const byMaterial = await ctx.db.query(`SELECT s.material AS value, count(*)::int AS count ${from} GROUP BY 1 ORDER BY 2 DESC, 1`, facetParams);
    let offeredToYou = 0;
    if (viewerOrg) {
      const offered = `EXISTS (SELECT 1 FROM offers o WHERE o.job_line_id = s.job_line_id AND o.organization_id = $1 AND o.status IN ('open', 'countered'))`;
      [{ offeredToYou }] = await ctx.db.query(`SELECT count(*)::int AS "offeredToYou" ${from} AND ${offered}`, facetParams);
    }

    const page = [...where];
    if (args.after) {
      const [value, id] = decode(args.after);
      const op = sort.dir === 'ASC' ? '>' : '<';
      page.push(`(${sort.key}, s.job_line_id) ${op} (${param(value)}::${sort.cast}, ${param(id)}::uuid)`);
    }
    const distance = org ? distanceFrom(org) : 'NULL::integer';
    const rows: SourcingJob[] = await ctx.db.query(
      `${SELECT}, ${distance} AS "distanceKm", ${sort.key}::text AS "sortKey" FROM sourcing_jobs s JOIN job_lines j ON j.id = s.job_line_id
        ${page.length ? `WHERE ${page.join(' AND ')}` : ''}
        ORDER BY ${sort.key} ${sort.dir}, s.job_line_id ${sort.dir} LIMIT ${param(limit + 1)}`,
      params,
    );
    const nodes = rows.slice(0, limit);
    const edges = nodes.map((row) => {
      const { sortKey, ...node } = row as SourcingJob & { sortKey: string };
      return { cursor: encode(sortKey, node.id), node: Object.assign(new SourcingJob(), node) };
    });
    return {
      edges,
      totalCount: total,
      counts: { byProcess, byMaterial, offeredToYou },
      pageInfo: { hasNextPage: rows.length > limit, hasPreviousPage: Boolean(args.after), startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /** One job as the caller may see it. */
  async job(ctx: RequestContext, jobLineId: string): Promise<SourcingJob> {
    await this.access.job(ctx, jobLineId);
    const principal = ctx.requirePrincipal();
    const viewerOrg = this.access.isFactory(principal) ? principal.organizationId : null;
    const [row] = await ctx.db.query(
      `${SELECT}, ${viewerOrg ? distanceFrom('$2') : 'NULL::integer'} AS "distanceKm" FROM sourcing_jobs s JOIN job_lines j ON j.id = s.job_line_id WHERE s.job_line_id = $1`,
      viewerOrg ? [jobLineId, viewerOrg] : [jobLineId],
    );
    return Object.assign(new SourcingJob(), row);
  }
}

function encode(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

function decode(cursor: string): [string, string] {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'string' || typeof id !== 'string') throw new Error();
    return [value, id];
  } catch {
    throw new InvalidInputError(`"${cursor}" is not a cursor returned by the job board`);
  }
}
