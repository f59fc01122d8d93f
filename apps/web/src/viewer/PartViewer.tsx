import { useEffect, useRef, useState } from 'react';
import {
  AmbientLight,
  Box3,
  Box3Helper,
  BufferAttribute,
  BufferGeometry,
  Color,
  DirectionalLight,
  Group,
  Mesh,
  MeshBasicMaterial,
  MeshLambertMaterial,
  PerspectiveCamera,
  Scene,
  SphereGeometry,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

performance.mark('viewer-chunk');
import { useI18n } from '../i18n/i18n';
import { BASE_COLOR, highlightColors, locatedFindings, SEVERITY_COLORS, type LocatedFinding } from './highlight';
import { loadRevisionModel, type PreviewLevel } from './model-loader';
import type { MeshBuffers } from './viewer-mesh';

export interface PartViewerProps {
  partId: string;
  /** the revision shown (its preview at `level`, in mm) */
  revisionId: string;
  level: PreviewLevel;
  /** REST path of the same preview as binary STL, for revisions built before viewer meshes existed */
  stlSrc: string;
  name: string;
  findings: readonly LocatedFinding[];
}

interface Loaded {
  mesh: MeshBuffers;
  located: number;
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
 * The part in 3D (three.js, in its own lazily loaded chunk): orbit controls, the bounding box with its
 * dimensions, DFM findings with a location coloured on the faces they cover (a marker where only a point
 * is known). Renders on demand, not in a loop, so an idle page costs nothing.
 */
export default function PartViewer({ partId, revisionId, level, stlSrc, name, findings }: PartViewerProps) {
  const { t, number } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [showBox, setShowBox] = useState(true);
  const [showFindings, setShowFindings] = useState(true);
  const sceneRef = useRef<{ box: Box3Helper; markers: Group; colors: BufferAttribute | null; findingColors: Float32Array; render: () => void } | null>(null);

  useEffect(() => {
    const element = host.current!;
    let disposed = false;
    let cleanup = () => {};
    (async () => {
      const { mesh } = await loadRevisionModel(partId, revisionId, level, stlSrc);
      if (disposed) return;

      const renderer = new WebGLRenderer({ antialias: mesh.triangles < 200_000, powerPreference: 'high-performance' });
      renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
      const { clientWidth: width, clientHeight: height } = element;
      renderer.setSize(width, height, false);
      renderer.domElement.tabIndex = 0;
      renderer.domElement.setAttribute('role', 'img');
      element.prepend(renderer.domElement);

      const scene = new Scene();
      scene.background = new Color(0xf3f5f8);
      scene.add(new AmbientLight(0xffffff, 0.55));
      const key = new DirectionalLight(0xffffff, 1.6);
      const geometry = new BufferGeometry();
      const located = locatedFindings(findings);
      // Faces in a finding's region are coloured per face, which a shared vertex cannot carry: only then is
      // the mesh unwelded into a soup with colours. Otherwise it goes to the GPU as it came, indexed, with
      // one colour for all and no normals (flat shading from screen-space derivatives).
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
      const model = new Mesh(geometry, material);
      scene.add(model);

      const bounds = new Box3(new Vector3(...mesh.min), new Vector3(...mesh.max));
      const box = new Box3Helper(bounds, new Color(0x0b5cad));
      scene.add(box);
      const markers = new Group();
      const diagonal = bounds.getSize(new Vector3()).length() || 1;
      for (const finding of located) {
        if (finding.region || !finding.centroidMm) continue;
        const marker = new Mesh(new SphereGeometry(diagonal * 0.015, 12, 8), new MeshBasicMaterial({ color: new Color(...(SEVERITY_COLORS[finding.severity] ?? SEVERITY_COLORS.info)) }));
        marker.position.set(finding.centroidMm[0], finding.centroidMm[1], finding.centroidMm[2]);
        markers.add(marker);
      }
      scene.add(markers);

      const center = bounds.getCenter(new Vector3());
      const camera = new PerspectiveCamera(40, width / height, diagonal / 1000, diagonal * 20);
      camera.up.set(0, 0, 1); // CAD files are Z-up
      camera.position.copy(center).add(new Vector3(1, -1.4, 0.9).normalize().multiplyScalar(diagonal * 1.6));
      key.position.copy(camera.position);
      scene.add(key);
      const controls = new OrbitControls(camera, renderer.domElement);
      controls.target.copy(center);
      controls.update();
      const render = () => {
        key.position.copy(camera.position);
        renderer.render(scene, camera);
      };
      controls.addEventListener('change', render);
      const orbitByKey = (event: KeyboardEvent) => {
        const step = Math.PI / 24;
        const offset = camera.position.clone().sub(controls.target);
        if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') offset.applyAxisAngle(camera.up, event.key === 'ArrowLeft' ? -step : step);
        else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') offset.applyAxisAngle(new Vector3().crossVectors(camera.up, offset).normalize(), event.key === 'ArrowUp' ? -step : step);
        else if (event.key === '+' || event.key === '-') offset.multiplyScalar(event.key === '+' ? 0.9 : 1.1);
        else return;
        event.preventDefault();
        camera.position.copy(controls.target).add(offset);
        controls.update();
        render();
      };
      renderer.domElement.addEventListener('keydown', orbitByKey);
      const resize = new ResizeObserver(() => {
        const { clientWidth, clientHeight } = element;
        if (!clientWidth || !clientHeight) return;
        renderer.setSize(clientWidth, clientHeight, false);
        camera.aspect = clientWidth / clientHeight;
        camera.updateProjectionMatrix();
        render();
      });
      resize.observe(element);
      render();
      performance.mark('viewer-rendered');
      sceneRef.current = { box, markers, colors, findingColors, render };
      await new Promise((resolve) => requestAnimationFrame(resolve)); // the first frame is on screen
      if (disposed) return;
      performance.mark('viewer-shown');
      element.dataset.ready = 'true';
      setLoaded({ mesh, located: located.length });
      cleanup = () => {
        resize.disconnect();
        controls.dispose();
        renderer.domElement.removeEventListener('keydown', orbitByKey);
        geometry.dispose();
        material.dispose();
        renderer.dispose();
        renderer.domElement.remove();
      };
    })().catch((error: unknown) => {
      if (!disposed) setProblem(error instanceof Error ? error.message : String(error));
    });
    return () => {
      disposed = true;
      sceneRef.current = null;
      cleanup();
    };
  }, [partId, revisionId, level, stlSrc, findings]);

  useEffect(() => {
    const current = sceneRef.current;
    if (!current) return;
    current.box.visible = showBox;
    current.markers.visible = showFindings;
    if (current.colors) {
      if (showFindings) current.colors.array.set(current.findingColors);
      else for (let i = 0; i < current.colors.array.length; i += 3) current.colors.array.set(BASE_COLOR, i);
      current.colors.needsUpdate = true;
    }
    current.render();
  }, [showBox, showFindings, loaded]);

  const size = loaded ? loaded.mesh.max.map((v, i) => v - loaded.mesh.min[i]) : null;
  return (
    <div>
      <div
        ref={host}
        className="viewer"
        data-testid="part-viewer"
        aria-label={size ? t('designer.part.viewerLabel', { name, x: number(size[0]), y: number(size[1]), z: number(size[2]) }) : t('designer.part.viewerLoading')}
        role="figure"
      >
        {!loaded && !problem && <p className="viewer-overlay" role="status">{t('designer.part.viewerLoading')}</p>}
        {problem && <p className="viewer-overlay error" role="alert">{t('designer.part.viewerUnavailable', { reason: problem })}</p>}
        {size && showBox && (
          <p className="viewer-overlay" data-testid="viewer-dimensions">
            {t('designer.part.bboxValue', { x: number(size[0]), y: number(size[1]), z: number(size[2]) })} · {number(loaded!.mesh.triangles, 0)} △
          </p>
        )}
      </div>
      <p className="muted">{t('designer.part.viewerHelp')}</p>
      <div className="viewer-controls">
        <label className="inline"><input type="checkbox" checked={showBox} onChange={(event) => setShowBox(event.target.checked)} /> {t('designer.part.showBox')}</label>
        <label className="inline"><input type="checkbox" checked={showFindings} onChange={(event) => setShowFindings(event.target.checked)} /> {t('designer.part.showFindings')}</label>
        {loaded && loaded.located > 0 && <span className="muted">{t('designer.part.highlightLegend', { count: loaded.located })}</span>}
      </div>
    </div>
  );
}
