import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CatalogKind } from './catalog-kinds';

@Entity({ name: 'catalog_entries' })
export class CatalogEntry {
  @PrimaryColumn({ type: 'text' })
  kind: CatalogKind;

  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'jsonb' })
  spec: { code: string; name: string } & Record<string, unknown>;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}
