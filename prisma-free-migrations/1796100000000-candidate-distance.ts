import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each candidate factory's road distance to the job's delivery country and the shipment's kg CO2e, as ranked
 * (null when the country's position is not known): the job board shows a factory its own distance and sorts by it.
 */
export class CandidateDistance1796100000000 implements MigrationInterface {
  name = 'CandidateDistance1796100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sourcing_candidates ADD COLUMN distance_km integer NULL, ADD COLUMN carbon_kg double precision NULL`);
    await db.query(`ALTER TABLE sourcing_candidates ADD CONSTRAINT sourcing_candidates_distance_check CHECK (distance_km IS NULL OR distance_km >= 0)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sourcing_candidates DROP COLUMN carbon_kg, DROP COLUMN distance_km`);
  }
}
