import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Order splitting across a cluster: a job line in sourcing may be split into parts, each its own job line
 * (`split_of` = the line it came from) with its own award and escrow allocation. The split line moves to the
 * final status `split`. One root job line per order line still holds (the unique index now covers roots only).
 */
export class JobLineSplits1795319000000 implements MigrationInterface {
  name = 'JobLineSplits1795319000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE job_lines ADD COLUMN split_of uuid NULL`);
    await db.query(`ALTER TABLE job_lines ADD CONSTRAINT job_lines_split_of_fkey FOREIGN KEY (split_of) REFERENCES job_lines (id)`);
    await db.query(`ALTER TABLE job_lines DROP CONSTRAINT job_lines_status_check`);
    await db.query(
      `ALTER TABLE job_lines ADD CONSTRAINT job_lines_status_check CHECK (status IN ('sourcing', 'awarded', 'scheduled', 'in_production', 'shipped', 'delivered', 'accepted', 'paid_out', 'cancelled', 'disputed', 'split'))`,
    );
    await db.query(`DROP INDEX job_lines_order_line_idx`);
    await db.query(`CREATE UNIQUE INDEX job_lines_order_line_idx ON job_lines (order_line_id) WHERE split_of IS NULL`);
    await db.query(`CREATE INDEX job_lines_split_of_idx ON job_lines (split_of) WHERE split_of IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM job_lines WHERE split_of IS NOT NULL`);
    await db.query(`DROP INDEX job_lines_split_of_idx`);
    await db.query(`DROP INDEX job_lines_order_line_idx`);
    await db.query(`CREATE UNIQUE INDEX job_lines_order_line_idx ON job_lines (order_line_id)`);
    await db.query(`ALTER TABLE job_lines DROP CONSTRAINT job_lines_status_check`);
    await db.query(
      `ALTER TABLE job_lines ADD CONSTRAINT job_lines_status_check CHECK (status IN ('sourcing', 'awarded', 'scheduled', 'in_production', 'shipped', 'delivered', 'accepted', 'paid_out', 'cancelled', 'disputed'))`,
    );
    await db.query(`ALTER TABLE job_lines DROP CONSTRAINT job_lines_split_of_fkey`);
    await db.query(`ALTER TABLE job_lines DROP COLUMN split_of`);
  }
}
