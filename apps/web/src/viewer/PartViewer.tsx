import { useEffect, useRef, useState } from 'react';
import { BufferAttribute, Box3Helper, Color, Group, Mesh, MeshBasicMaterial, SphereGeometry, Vector3 } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

performance.mark('viewer-chunk');
import { useI18n } from '../i18n/i18n';
import { BASE_COLOR, locatedFindings, SEVERITY_COLORS, type LocatedFinding } from './highlight';
import { loadRevisionModel, type PreviewLevel } from './model-loader';
import { buildStage, takePreparedStage } from './stage';
import type { MeshBuffers } from './viewer-mesh';

export { discardPrepared, prepareStage } from './stage';

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
      const located = locatedFindings(findings);
      const stage = (await takePreparedStage(partId, revisionId, level, located)) ?? buildStage((await loadRevisionModel(partId, revisionId, level, stlSrc)).mesh, located);
      if (disposed) return stage.dispose();
      const { mesh, renderer, camera, bounds, render } = stage;
      const { clientWidth: width, clientHeight: height } = element;
      renderer.setSize(width, height, false);
      camera.aspect = width / height;
      camera.updateProjectionMatrix();
      element.prepend(renderer.domElement);

      const markers = new Group();
      const diagonal = bounds.getSize(new Vector3()).length() || 1;
      for (const finding of located) {
        if (finding.region || !finding.centroidMm) continue;
        const marker = new Mesh(new SphereGeometry(diagonal * 0.015, 12, 8), new MeshBasicMaterial({ color: new Color(...(SEVERITY_COLORS[finding.severity] ?? SEVERITY_COLORS.info)) }));
        marker.position.set(finding.centroidMm[0], finding.centroidMm[1], finding.centroidMm[2]);
        markers.add(marker);
      }
      stage.scene.add(markers);

      const controls = new OrbitControls(camera, renderer.domElement);
      controls.target.copy(bounds.getCenter(new Vector3()));
      controls.update();
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
      sceneRef.current = { box: stage.box, markers, colors: stage.colors, findingColors: stage.findingColors, render };
      await new Promise((resolve) => requestAnimationFrame(resolve)); // the first frame is on screen
      if (disposed) return;
      performance.mark('viewer-shown');
      element.dataset.ready = 'true';
      setLoaded({ mesh, located: located.length });
      cleanup = () => {
        resize.disconnect();
        controls.dispose();
        renderer.domElement.removeEventListener('keydown', orbitByKey);
        for (const marker of markers.children as Array<Mesh<SphereGeometry, MeshBasicMaterial>>) {
          marker.geometry.dispose();
          marker.material.dispose();
        }
        stage.dispose();
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
