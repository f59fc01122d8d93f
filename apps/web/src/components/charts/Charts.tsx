import { bands, labelEvery, linearScale, linePath } from './scales';

const WIDTH = 560;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 12, bottom: 34, left: 56 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

export interface Datum {
  label: string;
  value: number | null;
}

interface ChartProps {
  title: string;
  data: Datum[];
  format(value: number): string;
  /** Read out for screen readers, e.g. "No data" */
  emptyText: string;
}

/** The data as a table for screen readers (the SVG itself is one image). */
function DataTable({ title, data, format }: Omit<ChartProps, 'emptyText'>) {
  return (
    <table className="visually-hidden">
      <caption>{title}</caption>
      <tbody>
        {data.map((datum, index) => (
          <tr key={`${datum.label}-${index}`}>
            <th scope="row">{datum.label}</th>
            <td>{datum.value === null ? '—' : format(datum.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Axes({ ticks, y, format, labels }: { ticks: number[]; y: (value: number) => number; format(value: number): string; labels: Array<{ x: number; text: string }> }) {
  return (
    <g aria-hidden="true">
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="gridline" x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={y(tick)} y2={y(tick)} />
          <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end">{format(tick)}</text>
        </g>
      ))}
      <line className="axis" x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={MARGIN.top + PLOT_H} y2={MARGIN.top + PLOT_H} />
      {labels.map((label, index) => (
        <text key={`${label.text}-${index}`} x={label.x} y={HEIGHT - 14} textAnchor="middle">{label.text}</text>
      ))}
    </g>
  );
}

/** Vertical bars, one per datum (days, histogram buckets). */
export function BarChart({ title, data, format, emptyText, integer = false }: ChartProps & { integer?: boolean }) {
  const max = Math.max(0, ...data.map((datum) => datum.value ?? 0));
  const y = linearScale(max, MARGIN.top + PLOT_H, MARGIN.top, { count: 4, integer });
  const laid = bands(data.length, PLOT_W);
  const show = labelEvery(data.length, 7);
  const labels = laid.flatMap((band, index) => (show(index) ? [{ x: MARGIN.left + band.x + band.width / 2, text: data[index].label }] : []));
  const empty = data.every((datum) => !datum.value);
  return (
    <figure className="chart-figure">
      <figcaption>{title}</figcaption>
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={empty ? `${title}: ${emptyText}` : title}>
        <Axes ticks={y.ticks} y={y} format={format} labels={labels} />
        {laid.map((band, index) => {
          const value = data[index].value ?? 0;
          return (
            <rect key={index} className="bar" x={MARGIN.left + band.x} width={band.width} y={y(value)} height={MARGIN.top + PLOT_H - y(value)}>
              <title>{`${data[index].label}: ${format(value)}`}</title>
            </rect>
          );
        })}
        {empty && <text x={MARGIN.left + PLOT_W / 2} y={MARGIN.top + PLOT_H / 2} textAnchor="middle">{emptyText}</text>}
      </svg>
      <DataTable title={title} data={data} format={format} />
    </figure>
  );
}

/** A line over days for a rate in [0, 1]; days without data leave a gap. An optional dashed threshold. */
export function RateChart({ title, data, format, emptyText, threshold }: ChartProps & { threshold?: number }) {
  const y = linearScale(1, MARGIN.top + PLOT_H, MARGIN.top, { fixedMax: 1, step: 0.25 });
  const step = data.length > 1 ? PLOT_W / (data.length - 1) : 0;
  const x = (index: number) => MARGIN.left + (data.length > 1 ? index * step : PLOT_W / 2);
  const show = labelEvery(data.length, 7);
  const labels = data.flatMap((datum, index) => (show(index) ? [{ x: x(index), text: datum.label }] : []));
  const empty = data.every((datum) => datum.value === null);
  return (
    <figure className="chart-figure">
      <figcaption>{title}</figcaption>
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={empty ? `${title}: ${emptyText}` : title}>
        <Axes ticks={y.ticks} y={y} format={format} labels={labels} />
        {threshold !== undefined && <line className="threshold" x1={MARGIN.left} x2={MARGIN.left + PLOT_W} y1={y(threshold)} y2={y(threshold)} />}
        <path className="line" d={linePath(data.map((datum) => datum.value), x, y)} />
        {data.map((datum, index) =>
          datum.value === null ? null : (
            <circle key={index} className="dot" cx={x(index)} cy={y(datum.value)} r={3}>
              <title>{`${datum.label}: ${format(datum.value)}`}</title>
            </circle>
          ),
        )}
        {empty && <text x={MARGIN.left + PLOT_W / 2} y={MARGIN.top + PLOT_H / 2} textAnchor="middle">{emptyText}</text>}
      </svg>
      <DataTable title={title} data={data} format={format} />
    </figure>
  );
}
