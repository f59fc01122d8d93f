import type { ObjectStorage } from '@partsmith/platform';
import type { DataSource } from 'typeorm';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD } from './demo-data';
import { seedFactoryNetwork } from './factory-network.seed';

export interface SeedReport {
  organizationsCreated: number;
  usersCreated: number;
  factoriesCreated: number;
}

/**
 * Seeds the demo marketplace. Idempotent: organisations are keyed by slug and users by email, so
 * running it again changes nothing (and never overwrites a password someone changed).
 */
export async function seedDemo(dataSource: DataSource, hashPassword: (password: string) => Promise<string>, storage?: ObjectStorage): Promise<SeedReport> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return dataSource.transaction(async (db) => {
    const report: SeedReport = { organizationsCreated: 0, usersCreated: 0, factoriesCreated: 0 };
    for (const organization of DEMO_ORGANIZATIONS) {
      const inserted: Array<{ id: string }> = await db.query(
        `INSERT INTO organizations (kind, name, slug, country, status, suspended_reason)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ON CONSTRAINT organizations_slug_key DO NOTHING RETURNING id`,
        [organization.kind, organization.name, organization.slug, organization.country, organization.suspendedReason ? 'suspended' : 'active', organization.suspendedReason ?? null],
      );
      report.organizationsCreated += inserted.length;
      const [{ id: organizationId }] = await db.query(`SELECT id FROM organizations WHERE slug = $1`, [organization.slug]);
      for (const member of organization.members) {
        const user: Array<{ id: string }> = await db.query(
          `INSERT INTO users (email, display_name, password_hash) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING id`,
          [member.email, member.displayName, passwordHash],
        );
        report.usersCreated += user.length;
        await db.query(
          `INSERT INTO memberships (user_id, organization_id, role)
           SELECT id, $2, $3 FROM users WHERE email = $1
           ON CONFLICT ON CONSTRAINT memberships_user_organization_key DO NOTHING`,
          [member.email, organizationId, member.role],
        );
      }
    }
    report.factoriesCreated = await seedFactoryNetwork(db, storage);
    return report;
  });
}
