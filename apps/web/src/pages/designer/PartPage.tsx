import { useMutation, useQuery } from '@apollo/client/react';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useLiveEvents } from '../../api/live-events';
import { ErrorMessage, Loading, StatusBadge } from '../../components/Feedback';
import { PartDocument, ReanalyzeWithUnitsDocument, type LengthUnit, type RevisionFieldsFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { loadModel, viewerMeshPath } from '../../viewer/model-loader';
import { LENGTH_UNITS, suggestUnits, type LengthUnitCode } from '../../viewer/units';
import { CompareProcesses } from './CompareProcesses';
import { PartAccess } from './PartAccess';
import { QuoteConfigurator, type QuotePreset } from './QuoteConfigurator';

// three.js and the viewer load only when a part page shows a model (their own chunk)
const loadViewer = () => import('../../viewer/PartViewer');
const PartViewer = lazy(loadViewer);

export function PartPage() {
  const { partId = '' } = useParams();
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(PartDocument, { variables: { id: partId } });
  const [preset, setPreset] = useState<QuotePreset | null>(null);
  const refresh = useCallback(() => void refetch(), [refetch]);
  const revision = data?.part.currentRevision;
  const waiting = !revision || revision.status === 'uploaded' || revision.status === 'analyzing' || !revision.previews.full;
  useLiveEvents(
    (event) => {
      if (event.data.id === revision?.id) refresh();
    },
    { types: ['part.revision.analyzed', 'part.revision.rejected', 'part.revision.previews'], onPoll: waiting ? refresh : undefined },
  );

  useEffect(() => {
    // As soon as the route matches, alongside the part's query: the current revision's full model (downloaded
    // and decoded in a worker) and the viewer's chunk, which then readies the model on the GPU; the viewer
    // takes that over when the part's data is in and shows that revision.
    loadModel(viewerMeshPath(partId, 'full')).catch(() => undefined); // none yet, or an old revision: the viewer sorts it out
    const viewer = loadViewer();
    viewer.then((module) => module.prepareStage(partId), () => undefined); // a chunk that fails to load is reported where the viewer shows
    return () => void viewer.then((module) => module.discardPrepared(), () => undefined);
  }, [partId]);
  const preview = revision?.previews.full ?? revision?.previews.lowPoly;
  useEffect(() => {
    if (preview) performance.mark('part-data');
  }, [preview]);

  if (loading && !data) return <Loading />;
  if (error) return <ErrorMessage error={error} />;
  if (!data) return null;
  const part = data.part;
  const analysis = revision?.analysis;
  return (
    <section>
      <p><Link to="/designer/parts">← {t('designer.part.backToParts')}</Link></p>
      <h1>{part.name} {revision && <StatusBadge status={revision.status} />}</h1>
      {revision?.status === 'rejected' && <ErrorMessage>{t('designer.part.rejected', { reason: revision.rejectedReason ?? revision.rejectedCode ?? '' })}</ErrorMessage>}
      {(revision?.status === 'uploaded' || revision?.status === 'analyzing') && <p role="status">{t('designer.part.analysing')}</p>}
      {revision && analysis && (
        <div className="part-layout">
          <div>
            <h2>{t('designer.part.viewer')}</h2>
            {preview ? (
              <Suspense fallback={<div className="viewer"><p className="viewer-overlay">{t('designer.part.viewerLoading')}</p></div>}>
                <PartViewer partId={part.id} revisionId={revision.id} level={revision.previews.full ? 'full' : 'low_poly'} stlSrc={preview} name={part.name} findings={analysis.findings} />
              </Suspense>
            ) : (
              <p className="muted">{t('designer.part.previewPending')}</p>
            )}
          </div>
          <div>
            <Metrics revision={revision} />
            <Findings findings={analysis.findings} />
          </div>
        </div>
      )}
      {revision?.status === 'analyzed' && (
        <>
          <QuoteConfigurator partId={part.id} partName={part.name} preset={preset} />
          <CompareProcesses
            partId={part.id}
            onUse={(choice) => {
              setPreset(choice);
              document.getElementById('quote-heading')?.scrollIntoView({ behavior: 'smooth' });
            }}
          />
        </>
      )}
      <PartAccess partId={part.id} />
    </section>
  );
}

function Metrics({ revision }: { revision: RevisionFieldsFragment }) {
  const { t, number } = useI18n();
  const analysis = revision.analysis!;
  const [x, y, z] = analysis.bbox.size;
  return (
    <section aria-labelledby="metrics-heading">
      <h2 id="metrics-heading">{t('designer.part.metrics')}</h2>
      <dl className="metrics" data-testid="part-metrics">
        <dt>{t('designer.part.bbox')}</dt>
        <dd>{t('designer.part.bboxValue', { x: number(x), y: number(y), z: number(z) })}</dd>
        <dt>{t('designer.part.volume')}</dt>
        <dd>{t('designer.part.volumeValue', { value: number(analysis.volumeMm3 / 1000, 2) })}</dd>
        <dt>{t('designer.part.area')}</dt>
        <dd>{t('designer.part.areaValue', { value: number(analysis.surfaceAreaMm2 / 100, 2) })}</dd>
        <dt>{t('designer.part.triangles')}</dt>
        <dd>{number(analysis.triangles, 0)}</dd>
        <dt>{t('designer.part.watertight')}</dt>
        <dd>{analysis.watertight ? t('common.yes') : t('common.no')}</dd>
        <dt>{t('designer.part.shells')}</dt>
        <dd>{analysis.shells}</dd>
        <dt>{t('designer.part.format')}</dt>
        <dd>{analysis.format.toUpperCase()}</dd>
        <dt>{t('designer.part.units')}</dt>
        <dd>{analysis.unitsDeclared ? t('designer.part.unitsDeclared', { units: analysis.units }) : t('designer.part.unitsAssumed', { units: analysis.units })}</dd>
      </dl>
      {!analysis.unitsDeclared && <UnitChoice revision={revision} />}
    </section>
  );
}

/** For files without a declared unit: the suggestion, and buttons to read the file in another unit. */
function UnitChoice({ revision }: { revision: RevisionFieldsFragment }) {
  const { t, number } = useI18n();
  const [reanalyze, { loading }] = useMutation(ReanalyzeWithUnitsDocument);
  const [problem, setProblem] = useState<unknown>(null);
  const analysis = revision.analysis!;
  const readAs = (analysis.units in LENGTH_UNITS ? analysis.units : 'mm') as LengthUnitCode;
  const suggestion = suggestUnits(analysis.bbox.size, readAs);
  const choose = async (units: LengthUnitCode) => {
    setProblem(null);
    try {
      await reanalyze({ variables: { revisionId: revision.id, units: units as LengthUnit } });
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <div className="panel">
      {suggestion && (
        <p data-testid="unit-suggestion">
          {t('designer.part.unitSuggestion', { size: analysis.bbox.size.map((v) => number(v, 2)).join(' × '), suggested: suggestion.unit, converted: suggestion.sizeMm.map((v) => number(v, 1)).join(' × ') })}
        </p>
      )}
      <p>{t('designer.part.unitAsk')}</p>
      <div className="inline-form">
        {(Object.keys(LENGTH_UNITS) as LengthUnitCode[])
          .filter((unit) => unit !== readAs)
          .map((unit) => (
            <button key={unit} type="button" className={suggestion?.unit === unit ? 'primary' : ''} disabled={loading} onClick={() => void choose(unit)}>
              {t('designer.part.readAs', { unit })}
            </button>
          ))}
      </div>
      {problem ? <ErrorMessage error={problem} /> : null}
    </div>
  );
}

function Findings({ findings }: { findings: NonNullable<RevisionFieldsFragment['analysis']>['findings'] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">{t('designer.part.findings')}</h2>
      {findings.length === 0 ? (
        <p className="ok">{t('designer.part.noFindings')}</p>
      ) : (
        <ul className="findings" data-testid="findings">
          {findings.map((finding, i) => (
            <li key={`${finding.code}-${i}`} className={`finding finding-${finding.severity}`}>
              <strong>{severityLabel(t, finding.severity)}</strong> {finding.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function severityLabel(t: ReturnType<typeof useI18n>['t'], severity: string): string {
  return severity === 'error' || severity === 'warning' || severity === 'info' ? t(`designer.part.severity.${severity}`) : severity;
}
