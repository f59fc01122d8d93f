import {
  AmbientLight,
  Box3,
  Box3Helper,
  BufferAttribute,
  BufferGeometry,
  Color,
  DirectionalLight,
  Mesh,
  MeshLambertMaterial,
  PerspectiveCamera,
  Scene,
  Vector3,
  WebGLRenderer,
} from 'three';
import { BASE_COLOR, highlightColors, type LocatedFinding } from './highlight';
import { loadModel, viewerMeshPath, type PreviewLevel } from './model-loader';
import type { MeshBuffers } from './viewer-mesh';

/** A renderer with the model's scene, its programs compiled and its buffers on the GPU. */
export interface Stage {
  mesh: MeshBuffers;
  renderer: WebGLRenderer;
  scene: Scene;
  camera: PerspectiveCamera;
  bounds: Box3;
  box: Box3Helper;
  /** per-face colours (a soup) when findings have regions, else null: one colour for the whole mesh */
  colors: BufferAttribute | null;
  findingColors: Float32Array;
  render(): void;
  dispose(): void;
}

/** The triangle soup of an indexed mesh (9 floats per triangle): what per-face finding colours need. */
function soupOf(mesh: MeshBuffers): Float32Array {
  const { positions, indices } = mesh;
  if (!indices) return positions;
  const soup = new Float32Array(indices.length * 3);
  for (let i = 0; i < indices.length; i++) {
    const v = indices[i] * 3;
    soup[i * 3] = positions[v];
    soup[i * 3 + 1] = positions[v + 1];
    soup[i * 3 + 2] = positions[v + 2];
  }
  return soup;
}

/**
 * Builds the scene for a mesh and warms it up off screen: compiles its programs, uploads its buffers and
 * readies the pipeline (a draw of one triangle does all three), so the first visible frame is only the draw.
 *
 * Faces in a finding's region are coloured per face, which a shared vertex cannot carry: only then is the
 * mesh unwelded into a soup with colours. Otherwise it goes to the GPU as it came, indexed, with one colour
 * for all and no normals (flat shading from screen-space derivatives).
 */
export function buildStage(mesh: MeshBuffers, located: readonly LocatedFinding[]): Stage {
  const renderer = new WebGLRenderer({ antialias: mesh.triangles < 200_000, powerPreference: 'high-performance' });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  renderer.domElement.tabIndex = 0;
  renderer.domElement.setAttribute('role', 'img');

  const scene = new Scene();
  scene.background = new Color(0xf3f5f8);
  scene.add(new AmbientLight(0xffffff, 0.55));
  const key = new DirectionalLight(0xffffff, 1.6);
  scene.add(key);
  const geometry = new BufferGeometry();
  let colors: BufferAttribute | null = null;
  let findingColors: Float32Array = new Float32Array(0);
  if (located.some((finding) => finding.region)) {
    const soup = soupOf(mesh);
    findingColors = highlightColors(soup, located).colors;
    colors = new BufferAttribute(findingColors.slice(), 3);
    geometry.setAttribute('position', new BufferAttribute(soup, 3));
    geometry.setAttribute('color', colors);
  } else {
    geometry.setAttribute('position', new BufferAttribute(mesh.positions, 3));
    if (mesh.indices) geometry.setIndex(new BufferAttribute(mesh.indices, 1));
  }
  const material = new MeshLambertMaterial({ flatShading: true, vertexColors: Boolean(colors), color: colors ? 0xffffff : new Color(...BASE_COLOR) });
  scene.add(new Mesh(geometry, material));

  const bounds = new Box3(new Vector3(...mesh.min), new Vector3(...mesh.max));
  const box = new Box3Helper(bounds, new Color(0x0b5cad));
  scene.add(box);
  const center = bounds.getCenter(new Vector3());
  const diagonal = bounds.getSize(new Vector3()).length() || 1;
  const camera = new PerspectiveCamera(40, 4 / 3, diagonal / 1000, diagonal * 20);
  camera.up.set(0, 0, 1); // CAD files are Z-up
  camera.position.copy(center).add(new Vector3(1, -1.4, 0.9).normalize().multiplyScalar(diagonal * 1.6));
  camera.lookAt(center);

  const render = () => {
    key.position.copy(camera.position);
    renderer.render(scene, camera);
  };
  geometry.setDrawRange(0, 3);
  render(); // compiles, uploads, and builds the GPU pipeline (software GL compiles it at its first draw): one triangle, off screen
  geometry.setDrawRange(0, Infinity);
  return {
    mesh,
    renderer,
    scene,
    camera,
    bounds,
    box,
    colors,
    findingColors,
    render,
    dispose() {
      geometry.dispose();
      material.dispose();
      renderer.dispose();
      renderer.domElement.remove();
    },
  };
}

let prepared: { partId: string; stage: Promise<{ stage: Stage; revisionId: string | null } | null> } | null = null;

/**
 * Readies the stage of a part's current revision at full detail as soon as its model and this chunk are in,
 * while the page still waits for the part's data. The viewer adopts it when it shows that revision with no
 * finding regions to colour; otherwise it is thrown away.
 */
export function prepareStage(partId: string): void {
  if (prepared?.partId === partId) return;
  discardPrepared();
  const stage = loadModel(viewerMeshPath(partId, 'full')).then(
    ({ mesh, revisionId }) => {
      const ready = { stage: buildStage(mesh, []), revisionId };
      performance.mark('viewer-prepared');
      return ready;
    },
    () => null, // the viewer reports a failure itself
  );
  prepared = { partId, stage };
}

/** The prepared stage, when it is the one asked for (taken: the caller owns it from now on). */
export async function takePreparedStage(partId: string, revisionId: string, level: PreviewLevel, located: readonly LocatedFinding[]): Promise<Stage | null> {
  if (!prepared || prepared.partId !== partId) return null;
  const taken = prepared;
  prepared = null;
  const ready = await taken.stage;
  if (!ready) return null;
  if (ready.revisionId === revisionId && level === 'full' && !located.some((finding) => finding.region)) return ready.stage;
  ready.stage.dispose();
  return null;
}

/** Throws away a stage nobody took (the page went away before showing it). */
export function discardPrepared() {
  const previous = prepared;
  prepared = null;
  void previous?.stage.then((ready) => ready?.stage.dispose());
}
