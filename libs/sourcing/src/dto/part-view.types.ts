import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Box3, DfmFinding, PreviewLevel } from '@partsmith/parts';

@ObjectType({ description: 'What a factory may know of the part before award: metrics, DFM findings and the preview the designer allows' })
export class SourcingPartView {
  @Field(() => PreviewLevel) previewLevel: PreviewLevel;
  @Field(() => Float, { nullable: true }) volumeMm3: number | null;
  @Field(() => Float, { nullable: true }) surfaceAreaMm2: number | null;
  @Field(() => Int, { nullable: true }) triangles: number | null;
  @Field(() => Boolean, { nullable: true }) watertight: boolean | null;
  @Field(() => Box3, { nullable: true, description: 'The bounding box (preview level bbox and above, or after award)' }) bbox: Box3 | null;
  @Field(() => [DfmFinding]) findings: DfmFinding[];
  @Field(() => String, { nullable: true, description: 'GET with your bearer token: the mesh preview (low_poly / full levels); every fetch is audited' })
  previewPath: string | null;
  @Field(() => Boolean, { description: 'The caller holds the award and may download the original after accepting the NDA' }) awardedToYou: boolean;
}
