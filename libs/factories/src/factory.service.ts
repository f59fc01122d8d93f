import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AuditTrail,
  keysetPage,
  type AppConfig,
  type ConnectionArgs,
  type ConnectionShape,
  type RequestContext,
} from '@partsmith/platform';
import { In } from 'typeorm';
import type { FactoryProfileInput } from './dto/factory.inputs';
import { Certificate, Factory, Machine } from './entities';
import { FactoryAccess } from './factory-access.service';
import { factoryLifecycle, type FactoryStatus } from './factory-lifecycle';
import { validateProfile } from './factory-profile.validation';
import { FactoryAlreadyExistsError, InputValidationError, type ApplyAsFactoryOutcome, type UpdateFactoryProfileOutcome } from './factories.results';

export interface FactoryListFilter {
  statuses?: FactoryStatus[];
  process?: string;
  material?: string;
  country?: string;
}

function profileColumns(input: FactoryProfileInput): Partial<Factory> {
  const a = input.address;
  return {
    legalName: input.legalName.trim(),
    addressLine1: a.line1.trim(),
    addressLine2: a.line2?.trim() || null,
    city: a.city.trim(),
    postalCode: a.postalCode?.trim() || null,
    region: a.region?.trim() || null,
    country: a.country,
    latitude: a.latitude,
    longitude: a.longitude,
    timeZone: input.timeZone,
    languages: input.languages,
    processes: input.processes,
    materials: input.materials,
    finishes: input.finishes,
    workingCalendar: {
      shifts: input.workingCalendar.shifts.map((s) => ({ weekdays: [...new Set(s.weekdays)].sort(), start: s.start, end: s.end })),
      holidays: input.workingCalendar.holidays.map((h) => ({ date: h.date, name: h.name.trim() })),
    },
    itarRegistered: input.exportControl?.itarRegistered ?? false,
    servesCountries: input.exportControl?.servesCountries ?? null,
    exportNotes: input.exportControl?.notes?.trim() || null,
  };
}

/** Factory profiles: applying, editing, reading, and the operator's list (the review queue). */
@Injectable()
export class FactoryService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly factoryAccess: FactoryAccess,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * A factory organisation's admin applies with its profile. A rejected factory may apply again with a
   * corrected profile; otherwise one application per organisation.
   */
  async apply(ctx: RequestContext, input: FactoryProfileInput): Promise<ApplyAsFactoryOutcome> {
    const { principal } = await this.factoryAccess.own(ctx, { manage: true });
    const problem = validateProfile(input);
    if (problem) return new InputValidationError(problem.field, problem.message);
    return ctx.transaction(async (db) => {
      const existing = await db.createQueryBuilder(Factory, 'f').setLock('pessimistic_write').where('f.organization_id = :org', { org: principal.organizationId }).getOne();
      if (existing && existing.status !== 'rejected') {
        return new FactoryAlreadyExistsError(`Your factory has already applied (status ${existing.status}); use updateFactoryProfile to change it`);
      }
      let id: string;
      if (existing) {
        factoryLifecycle.transition(existing.status, 'applied');
        await db.update(Factory, { id: existing.id }, { ...profileColumns(input), status: 'applied', statusReason: null, appliedAt: new Date(), updatedAt: new Date() });
        id = existing.id;
      } else {
        const probation = this.config.factories.probation;
        const created = await db.save(
          db.create(Factory, {
            ...profileColumns(input),
            organizationId: principal.organizationId,
            status: 'applied',
            appliedAt: new Date(),
            onProbation: true,
            probationJobsRequired: probation.jobsRequired,
            probationMaxJobValueMinor: probation.maxJobValueMinor,
            probationCurrency: probation.currency,
            probationMaxOpenJobs: probation.maxOpenJobs,
          }),
        );
        id = created.id;
      }
      await this.audit.record(ctx, { action: 'factory.applied', subjectType: 'factory', subjectId: id, subjectOrganizationId: principal.organizationId, details: { reapplied: Boolean(existing) } });
      return db.findOneByOrFail(Factory, { id });
    });
  }

  async updateProfile(ctx: RequestContext, input: FactoryProfileInput): Promise<UpdateFactoryProfileOutcome> {
    const factory = await this.factoryAccess.ownForChange(ctx);
    const problem = validateProfile(input);
    if (problem) return new InputValidationError(problem.field, problem.message);
    await ctx.db.update(Factory, { id: factory.id }, { ...profileColumns(input), updatedAt: new Date() });
    return ctx.db.findOneByOrFail(Factory, { id: factory.id });
  }

  async mine(ctx: RequestContext): Promise<Factory | null> {
    return (await this.factoryAccess.own(ctx, { manage: false })).factory;
  }

  factory(ctx: RequestContext, id: string): Promise<Factory> {
    return this.factoryAccess.readable(ctx, id);
  }

  /** Operators: every factory, filtered; oldest first, so `statuses: [applied, under_review]` is the review queue. */
  async list(ctx: RequestContext, filter: FactoryListFilter, args: ConnectionArgs): Promise<ConnectionShape<Factory>> {
    this.factoryAccess.requireOperator(ctx);
    const query = ctx.db.createQueryBuilder(Factory, 'f');
    if (filter.statuses?.length) query.andWhere('f.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.process) query.andWhere(':process = ANY(f.processes)', { process: filter.process });
    if (filter.material) query.andWhere(':material = ANY(f.materials)', { material: filter.material });
    if (filter.country) query.andWhere('f.country = :country', { country: filter.country });
    return keysetPage(query, 'f', args, this.config.graphql.maxPageSize);
  }

  /** Counts for the operator console. */
  async moderationCounts(ctx: RequestContext): Promise<{ factoriesAwaitingReview: number; certificatesAwaitingReview: number; openScoreAppeals: number }> {
    this.factoryAccess.requireOperator(ctx);
    const [row] = await ctx.db.query(
      `SELECT (SELECT count(*)::int FROM factories WHERE status IN ('applied', 'under_review')) AS "factoriesAwaitingReview",
              (SELECT count(*)::int FROM factory_certificates WHERE status = 'pending' AND document_key IS NOT NULL) AS "certificatesAwaitingReview",
              (SELECT count(*)::int FROM factory_score_appeals WHERE status = 'open') AS "openScoreAppeals"`,
    );
    return row;
  }

  /** Batched per request. The parent factory was authorised by whoever returned it. */
  machinesOf(ctx: RequestContext, factory: Factory): Promise<Machine[]> {
    return ctx.loaders
      .get<string, Machine[]>('factories.machinesByFactory', async (ids) => {
        const rows = await ctx.db.find(Machine, { where: { factoryId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } });
        return ids.map((id) => rows.filter((row) => row.factoryId === id));
      })
      .load(factory.id);
  }

  certificatesOf(ctx: RequestContext, factory: Factory): Promise<Certificate[]> {
    return ctx.loaders
      .get<string, Certificate[]>('factories.certificatesByFactory', async (ids) => {
        const rows = await ctx.db.find(Certificate, { where: { factoryId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } });
        return ids.map((id) => rows.filter((row) => row.factoryId === id));
      })
      .load(factory.id);
  }
}
