/**
 * Writes a STEP AP214 file for an axis-aligned box as a MANIFOLD_SOLID_BREP (6 planar faces, 12 line edges),
 * with the product structure a CAD reader needs and the length unit declared as millimetre or inch.
 */
export function stepBox(size: [number, number, number], unit: 'mm' | 'inch' = 'mm'): string {
  const lines: string[] = [];
  let next = 1;
  const add = (entity: string): number => {
    const id = next++;
    lines.push(`#${id}=${entity};`);
    return id;
  };
  const real = (v: number): string => (Number.isInteger(v) ? `${v}.` : String(v));
  const point = (p: number[]): number => add(`CARTESIAN_POINT('',(${p.map(real).join(',')}))`);
  const direction = (d: number[]): number => add(`DIRECTION('',(${d.map(real).join(',')}))`);

  const corner = (i: number): number[] => [i & 1 ? size[0] : 0, i & 2 ? size[1] : 0, i & 4 ? size[2] : 0];
  const vertices = Array.from({ length: 8 }, (_, i) => add(`VERTEX_POINT('',#${point(corner(i))})`));
  const edgePairs = [[0, 1], [2, 3], [4, 5], [6, 7], [0, 2], [1, 3], [4, 6], [5, 7], [0, 4], [1, 5], [2, 6], [3, 7]];
  const edges = edgePairs.map(([a, b]) => {
    const pa = corner(a);
    const pb = corner(b);
    const d = pb.map((v, k) => v - pa[k]);
    const length = Math.hypot(d[0], d[1], d[2]);
    const vector = add(`VECTOR('',#${direction(d.map((v) => v / length))},${real(length)})`);
    const line = add(`LINE('',#${point(pa)},#${vector})`);
    return add(`EDGE_CURVE('',#${vertices[a]},#${vertices[b]},#${line},.T.)`);
  });
  const faceLoops: Array<{ loop: number[]; normal: number[]; ref: number[]; origin: number }> = [
    { loop: [0, 2, 3, 1], normal: [0, 0, -1], ref: [1, 0, 0], origin: 0 },
    { loop: [4, 5, 7, 6], normal: [0, 0, 1], ref: [1, 0, 0], origin: 4 },
    { loop: [0, 1, 5, 4], normal: [0, -1, 0], ref: [1, 0, 0], origin: 0 },
    { loop: [2, 6, 7, 3], normal: [0, 1, 0], ref: [1, 0, 0], origin: 2 },
    { loop: [0, 4, 6, 2], normal: [-1, 0, 0], ref: [0, 0, 1], origin: 0 },
    { loop: [1, 3, 7, 5], normal: [1, 0, 0], ref: [0, 0, 1], origin: 1 },
  ];
  const faces = faceLoops.map(({ loop, normal, ref, origin }) => {
    const oriented = loop.map((a, i) => {
      const b = loop[(i + 1) % loop.length];
      const e = edgePairs.findIndex(([p, q]) => (p === a && q === b) || (p === b && q === a));
      return add(`ORIENTED_EDGE('',*,*,#${edges[e]},${edgePairs[e][0] === a ? '.T.' : '.F.'})`);
    });
    const edgeLoop = add(`EDGE_LOOP('',(${oriented.map((o) => `#${o}`).join(',')}))`);
    const bound = add(`FACE_OUTER_BOUND('',#${edgeLoop},.T.)`);
    const placement = add(`AXIS2_PLACEMENT_3D('',#${point(corner(origin))},#${direction(normal)},#${direction(ref)})`);
    const plane = add(`PLANE('',#${placement})`);
    return add(`ADVANCED_FACE('',(#${bound}),#${plane},.T.)`);
  });
  const shell = add(`CLOSED_SHELL('',(${faces.map((f) => `#${f}`).join(',')}))`);
  const solid = add(`MANIFOLD_SOLID_BREP('box',#${shell})`);

  const mm = add('(LENGTH_UNIT() NAMED_UNIT(*) SI_UNIT(.MILLI.,.METRE.))');
  let lengthUnit = mm;
  if (unit === 'inch') {
    const exponents = add('DIMENSIONAL_EXPONENTS(1.,0.,0.,0.,0.,0.,0.)');
    const measure = add(`LENGTH_MEASURE_WITH_UNIT(LENGTH_MEASURE(25.4),#${mm})`);
    lengthUnit = add(`(CONVERSION_BASED_UNIT('INCH',#${measure}) LENGTH_UNIT() NAMED_UNIT(#${exponents}))`);
  }
  const angle = add('(NAMED_UNIT(*) PLANE_ANGLE_UNIT() SI_UNIT($,.RADIAN.))');
  const solidAngle = add('(NAMED_UNIT(*) SI_UNIT($,.STERADIAN.) SOLID_ANGLE_UNIT())');
  const uncertainty = add(`UNCERTAINTY_MEASURE_WITH_UNIT(LENGTH_MEASURE(1.E-05),#${lengthUnit},'DISTANCE_ACCURACY_VALUE','')`);
  const context = add(
    `(GEOMETRIC_REPRESENTATION_CONTEXT(3) GLOBAL_UNCERTAINTY_ASSIGNED_CONTEXT((#${uncertainty})) GLOBAL_UNIT_ASSIGNED_CONTEXT((#${lengthUnit},#${angle},#${solidAngle})) REPRESENTATION_CONTEXT('',''))`,
  );
  const worldPlacement = add(`AXIS2_PLACEMENT_3D('',#${point([0, 0, 0])},#${direction([0, 0, 1])},#${direction([1, 0, 0])})`);
  const brepRep = add(`ADVANCED_BREP_SHAPE_REPRESENTATION('box',(#${solid},#${worldPlacement}),#${context})`);
  const appContext = add("APPLICATION_CONTEXT('core data for automotive mechanical design processes')");
  add(`APPLICATION_PROTOCOL_DEFINITION('international standard','automotive_design',2000,#${appContext})`);
  const productContext = add(`PRODUCT_CONTEXT('',#${appContext},'mechanical')`);
  const product = add(`PRODUCT('box','box','',(#${productContext}))`);
  const formation = add(`PRODUCT_DEFINITION_FORMATION('','',#${product})`);
  const definitionContext = add(`PRODUCT_DEFINITION_CONTEXT('part definition',#${appContext},'design')`);
  const definition = add(`PRODUCT_DEFINITION('design','',#${formation},#${definitionContext})`);
  const definitionShape = add(`PRODUCT_DEFINITION_SHAPE('','',#${definition})`);
  add(`SHAPE_DEFINITION_REPRESENTATION(#${definitionShape},#${brepRep})`);

  return [
    'ISO-10303-21;',
    'HEADER;',
    "FILE_DESCRIPTION(('Partsmith test box'),'2;1');",
    "FILE_NAME('box.stp','2024-01-01T00:00:00',(''),(''),'partsmith','partsmith','');",
    "FILE_SCHEMA(('AUTOMOTIVE_DESIGN { 1 0 10303 214 1 1 1 1 }'));",
    'ENDSEC;',
    'DATA;',
    ...lines,
    'ENDSEC;',
    'END-ISO-10303-21;',
    '',
  ].join('\n');
}
