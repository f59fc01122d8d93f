import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../../i18n/i18n';
import { layoutGantt, type GanttJob, type GanttOperation, type GanttRowLayout } from './ganttLayout';

const LABEL_WIDTH = 170;
const AXIS_HEIGHT = 28;
const LANE_HEIGHT = 26;

interface Props {
  operations: GanttOperation[];
  jobs: GanttJob[];
  /** Row label: the machine's name and which unit */
  rowLabel(row: GanttRowLayout): string;
  jobLabel(jobLineId: string): string;
  selectedJob: string | null;
  onSelectJob(jobLineId: string | null): void;
  now?: number;
}

/** The factory's plan: one row per machine unit, a bar per operation, at-risk jobs hatched in red with their due date marked. */
export function GanttChart({ operations, jobs, rowLabel, jobLabel, selectedJob, onSelectJob, now }: Props) {
  const { t, date } = useI18n();
  const wrapper = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  useEffect(() => {
    const element = wrapper.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(Math.floor(entry.contentRect.width), 560)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const chartWidth = width - LABEL_WIDTH;
  const layout = useMemo(() => layoutGantt(operations, jobs, { width: chartWidth, laneHeight: LANE_HEIGHT, now }), [operations, jobs, chartWidth, now]);
  const height = layout.height + AXIS_HEIGHT + 8;
  const choose = (event: KeyboardEvent<SVGGElement>, jobLineId: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelectJob(selectedJob === jobLineId ? null : jobLineId);
    } else if (event.key === 'Escape') onSelectJob(null);
  };
  return (
    <div ref={wrapper} className="gantt-scroll">
      <svg width={width} height={height} role="group" aria-label={t('factoryWorkspace.schedule.chartLabel')} className="gantt">
        <defs>
          <pattern id="gantt-risk" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#f6c9c4" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#c0392b" strokeWidth="2" />
          </pattern>
        </defs>
        <g transform={`translate(${LABEL_WIDTH},0)`} aria-hidden="true">
          {layout.ticks.map((tick) => (
            <g key={tick.time}>
              <line x1={tick.x} x2={tick.x} y1={AXIS_HEIGHT - 6} y2={height} className="gantt-grid" />
              <text x={tick.x + 3} y={AXIS_HEIGHT - 10} className="gantt-tick">{date(new Date(tick.time).toISOString())}</text>
            </g>
          ))}
        </g>
        <g transform={`translate(0,${AXIS_HEIGHT})`}>
          {layout.rows.map((row) => (
            <g key={row.unit}>
              <rect x={0} y={row.y - 2} width={width} height={row.height + 4} className="gantt-row" />
              <text x={6} y={row.y + LANE_HEIGHT / 2 + 4} className="gantt-label">{truncate(rowLabel(row), 24)}</text>
              {row.bars.map((bar) => {
                const job = bar.operation.jobLineId;
                const label = t(bar.atRisk ? 'factoryWorkspace.schedule.barAtRisk' : 'factoryWorkspace.schedule.bar', {
                  job: jobLabel(job),
                  operation: bar.operation.operation,
                  start: date(bar.operation.start, true),
                  end: date(bar.operation.end, true),
                });
                const selected = selectedJob === job;
                const dimmed = selectedJob !== null && !selected;
                return (
                  <g
                    key={`${job}-${bar.operation.operationIndex}-${bar.operation.unit}`}
                    tabIndex={0}
                    role="button"
                    aria-pressed={selected}
                    aria-label={label}
                    className={`gantt-bar${bar.atRisk ? ' at-risk' : ''}${selected ? ' selected' : ''}${dimmed ? ' dimmed' : ''}${bar.operation.frozen ? ' frozen' : ''}`}
                    data-job={job}
                    onClick={() => onSelectJob(selected ? null : job)}
                    onKeyDown={(event) => choose(event, job)}
                  >
                    <title>{label}</title>
                    <rect x={LABEL_WIDTH + bar.x} y={row.y + bar.lane * LANE_HEIGHT + 2} width={bar.width} height={LANE_HEIGHT - 4} rx={3} fill={bar.atRisk ? 'url(#gantt-risk)' : colourOf(job)} />
                    {bar.width > 60 && (
                      <text x={LABEL_WIDTH + bar.x + 4} y={row.y + bar.lane * LANE_HEIGHT + LANE_HEIGHT / 2 + 4} className="gantt-bar-text">
                        {truncate(`${jobLabel(job)} · ${bar.operation.operation}`, Math.floor(bar.width / 7))}
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          ))}
          <g transform={`translate(${LABEL_WIDTH},0)`} aria-hidden="true">
            {layout.nowX !== null && <line x1={layout.nowX} x2={layout.nowX} y1={-6} y2={layout.height} className="gantt-now" />}
            {layout.dueMarkers.map((marker) => (
              <g key={marker.jobLineId} className="gantt-due">
                <line x1={marker.x} x2={marker.x} y1={-6} y2={layout.height} />
                <text x={marker.x + 3} y={layout.height - 2}>{t('factoryWorkspace.schedule.due', { job: jobLabel(marker.jobLineId) })}</text>
              </g>
            ))}
          </g>
        </g>
      </svg>
    </div>
  );
}

const PALETTE = ['#4c78a8', '#72b7b2', '#54a24b', '#b279a2', '#9d755d', '#5f6f8f', '#3b8ea5', '#7a9a3a'];

/** A stable colour per job, so one job's operations read as one across machines. */
export function colourOf(jobLineId: string): string {
  let hash = 0;
  for (const char of jobLineId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

function truncate(text: string, max: number): string {
  if (max < 2) return '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
