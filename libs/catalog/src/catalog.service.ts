import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessService } from '@partsmith/identity';
import { InvalidInputError, NotFoundError, type RequestContext } from '@partsmith/platform';
import { DEFAULT_CATALOG, type PricingCatalog } from '@partsmith/pricing';
import { DataSource, type EntityManager } from 'typeorm';
import { CATALOG_KINDS, learnShape, shapeDifference, type CatalogKind, type PricingSettings } from './catalog-kinds';
import { CatalogEntry } from './catalog-entry.entity';

const SETTINGS_KEYS = ['gridIntensityKgPerKwh', 'shippingKgPerTonneKm', 'packagingMassFactor', 'marginRate', 'platformFeeRate'] as const;

function defaultSettings(): PricingSettings {
  return Object.fromEntries(SETTINGS_KEYS.map((key) => [key, DEFAULT_CATALOG[key]])) as PricingSettings;
}

/**
 * The catalog is data in PostgreSQL, seeded from libs/pricing's defaults (missing rows only, so operator
 * edits survive upgrades) and edited by operators. Every edit bumps the catalog version, which every quote
 * records, and is kept in catalog_changes.
 */
@Injectable()
export class CatalogService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogService.name);
  private cached?: { version: number; catalog: PricingCatalog };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const added = await this.seedDefaults(this.dataSource.manager);
    if (added > 0) this.logger.log(`catalog: added ${added} default entries`);
  }

  /** Inserts default entries and settings that are not there yet. Idempotent; returns how many rows it added. */
  async seedDefaults(db: EntityManager): Promise<number> {
    let added = 0;
    for (const [kind, list] of Object.entries(CATALOG_KINDS) as Array<[CatalogKind, (typeof CATALOG_KINDS)[CatalogKind]]>) {
      for (const spec of DEFAULT_CATALOG[list] as Array<{ code: string; name: string }>) {
        const rows: unknown[] = await db.query(
          `INSERT INTO catalog_entries (kind, code, name, spec) VALUES ($1, $2, $3, $4)
           ON CONFLICT ON CONSTRAINT catalog_entries_pkey DO NOTHING RETURNING code`,
          [kind, spec.code, spec.name, JSON.stringify(spec)],
        );
        added += rows.length;
      }
    }
    await db.query(
      `INSERT INTO catalog_settings (id, currency, settings) VALUES (1, $1, $2) ON CONFLICT ON CONSTRAINT catalog_settings_pkey DO NOTHING`,
      [DEFAULT_CATALOG.currency, JSON.stringify(defaultSettings())],
    );
    return added;
  }

  async version(db: EntityManager = this.dataSource.manager): Promise<number> {
    const rows: Array<{ version: number }> = await db.query(`SELECT version FROM catalog_settings WHERE id = 1`);
    if (!rows[0]) throw new Error('The catalog is not seeded (catalog_settings is empty)');
    return rows[0].version;
  }

  /** The active catalog as the pricing engine reads it (cached until the next edit). */
  async pricingCatalog(db: EntityManager = this.dataSource.manager): Promise<PricingCatalog> {
    const version = await this.version(db);
    if (this.cached?.version === version) return this.cached.catalog;
    const [settingsRow] = await db.query(`SELECT currency, settings FROM catalog_settings WHERE id = 1`);
    const entries = await db.find(CatalogEntry, { where: { active: true }, order: { kind: 'ASC', code: 'ASC' } });
    const lists = Object.fromEntries(
      Object.entries(CATALOG_KINDS).map(([kind, list]) => [list, entries.filter((entry) => entry.kind === kind).map((entry) => entry.spec)]),
    );
    const catalog = { ...(settingsRow.settings as PricingSettings), ...lists, currency: settingsRow.currency, version: `db-${version}` } as PricingCatalog;
    this.cached = { version, catalog };
    return catalog;
  }

  async entries(ctx: RequestContext, kind?: CatalogKind, includeInactive = false): Promise<CatalogEntry[]> {
    ctx.requirePrincipal();
    const where: { kind?: CatalogKind; active?: boolean } = {};
    if (kind) where.kind = kind;
    if (!includeInactive) where.active = true;
    return ctx.db.find(CatalogEntry, { where, order: { kind: 'ASC', code: 'ASC' } });
  }

  /** Operators: replace an entry's spec (or add a new one). The spec must fit the shape of its kind. */
  async setEntry(ctx: RequestContext, kind: CatalogKind, code: string, spec: Record<string, unknown>, note: string): Promise<CatalogEntry> {
    const principal = this.access.requireOperator(ctx);
    if (!note.trim()) throw new InvalidInputError('Say why the catalog changes (note); it is kept in the history');
    if (spec.code !== code) throw new InvalidInputError(`spec.code must be "${code}" (got ${JSON.stringify(spec.code)})`);
    return ctx.transaction(async (db) => {
      const all = await db.find(CatalogEntry, { where: { kind } });
      const difference = shapeDifference(learnShape(all.map((entry) => entry.spec)), spec);
      if (difference) throw new InvalidInputError(`Not a valid ${kind}: ${difference}`);
      const before = all.find((entry) => entry.code === code);
      await db.query(
        `INSERT INTO catalog_entries (kind, code, name, spec, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT catalog_entries_pkey DO UPDATE SET name = EXCLUDED.name, spec = EXCLUDED.spec, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [kind, code, String(spec.name ?? code), JSON.stringify(spec), principal.userId],
      );
      await this.recordChange(db, kind, code, before?.spec ?? null, spec, note, principal.userId);
      return db.findOneByOrFail(CatalogEntry, { kind, code });
    });
  }

  /** Operators: change a few numbers of an entry (e.g. a material's price per kg) without restating it. */
  async patchEntry(ctx: RequestContext, kind: CatalogKind, code: string, patch: Record<string, number | boolean | undefined>, note: string): Promise<CatalogEntry> {
    const entry = await ctx.db.findOneBy(CatalogEntry, { kind, code });
    if (!entry) throw new NotFoundError(`Catalog ${kind}`, code);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    if (Object.keys(changes).length === 0) throw new InvalidInputError('Nothing to change');
    return this.setEntry(ctx, kind, code, { ...entry.spec, ...changes }, note);
  }

  async setActive(ctx: RequestContext, kind: CatalogKind, code: string, active: boolean, note: string): Promise<CatalogEntry> {
    const principal = this.access.requireOperator(ctx);
    return ctx.transaction(async (db) => {
      const entry = await db.findOneBy(CatalogEntry, { kind, code });
      if (!entry) throw new NotFoundError(`Catalog ${kind}`, code);
      await db.update(CatalogEntry, { kind, code }, { active, updatedBy: principal.userId, updatedAt: new Date() });
      await this.recordChange(db, kind, code, { active: entry.active }, { active }, note || (active ? 'activated' : 'deactivated'), principal.userId);
      return db.findOneByOrFail(CatalogEntry, { kind, code });
    });
  }

  /** Inside a transaction, pass its manager: a second pool connection per transaction can starve the pool. */
  async settings(db: EntityManager = this.dataSource.manager): Promise<{ version: number; currency: string; settings: PricingSettings & { quoteValidityDays?: number } }> {
    const [row] = await db.query(`SELECT version, currency, settings FROM catalog_settings WHERE id = 1`);
    return row;
  }

  async updateSettings(ctx: RequestContext, patch: Partial<Pick<PricingSettings, 'marginRate' | 'platformFeeRate' | 'packagingMassFactor'>>, note: string) {
    const principal = this.access.requireOperator(ctx);
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined && (!Number.isFinite(value) || value < 0 || (key !== 'packagingMassFactor' && value >= 1))) {
        throw new InvalidInputError(`${key} must be ${key === 'packagingMassFactor' ? '≥ 0' : 'a fraction between 0 and 1'} (got ${value})`);
      }
    }
    return ctx.transaction(async (db) => {
      const [row] = await db.query(`SELECT settings FROM catalog_settings WHERE id = 1 FOR UPDATE`);
      const next = { ...row.settings, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      await db.query(`UPDATE catalog_settings SET settings = $1, updated_by = $2, updated_at = now() WHERE id = 1`, [JSON.stringify(next), principal.userId]);
      await this.recordChange(db, 'settings', 'pricing', row.settings, next, note, principal.userId);
    });
  }

  private async recordChange(db: EntityManager, kind: string, code: string, before: unknown, after: unknown, note: string, userId: string) {
    const [rows] = await db.query(`UPDATE catalog_settings SET version = version + 1 WHERE id = 1 RETURNING version`); // UPDATE yields [rows, count]
    const version = rows[0].version;
    await db.query(
      `INSERT INTO catalog_changes (version, kind, code, before, after, note, changed_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [version, kind, code, before === null ? null : JSON.stringify(before), JSON.stringify(after), note.trim() || 'edited', userId],
    );
  }
}
