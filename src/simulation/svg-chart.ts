/**
 * A small SVG line chart: days on x, one or more series, optional horizontal threshold lines and
 * vertical markers (attack start, drift detected, promotion). No dependencies; the output is a
 * self-contained SVG string.
 */

export interface ChartSeries {
  name: string;
  /** One value per x; null leaves a gap. */
  values: readonly (number | null)[];
  color: string;
}

export interface ChartOptions {
  title: string;
  x: readonly number[];
  series: readonly ChartSeries[];
  yLabel?: string;
  yMin?: number;
  yMax?: number;
  thresholds?: readonly { value: number; label: string; color: string }[];
  markers?: readonly { x: number; label: string; color: string }[];
  width?: number;
  height?: number;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Renders the chart. Non-finite values are treated as gaps. */
export function lineChartSvg(o: ChartOptions): string {
  const width = o.width ?? 760;
  const height = o.height ?? 320;
  const m = { left: 56, right: 150, top: 34, bottom: 40 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const finite = o.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const thresholdValues = (o.thresholds ?? []).map((t) => t.value);
  const yMin = o.yMin ?? Math.min(0, ...finite, ...thresholdValues);
  let yMax = o.yMax ?? Math.max(...finite, ...thresholdValues, yMin + 1e-9);
  if (yMax <= yMin) yMax = yMin + 1;
  const xMin = o.x.length > 0 ? o.x[0] : 0;
  const xMax = o.x.length > 1 ? o.x[o.x.length - 1] : xMin + 1;
  const sx = (x: number) => m.left + ((x - xMin) / (xMax - xMin || 1)) * pw;
  const sy = (y: number) => m.top + ph - ((Math.min(Math.max(y, yMin), yMax) - yMin) / (yMax - yMin)) * ph;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${m.left}" y="20" font-size="14" font-weight="bold">${esc(o.title)}</text>`,
    `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = yMin + ((yMax - yMin) * i) / 4;
    parts.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${fmt(sy(v))}" y2="${fmt(sy(v))}" stroke="#eee"/>`);
    parts.push(`<text x="${m.left - 6}" y="${fmt(sy(v) + 4)}" text-anchor="end">${fmt(v)}</text>`);
  }
  const xStep = Math.max(1, Math.ceil((xMax - xMin) / 10));
  for (let x = xMin; x <= xMax; x += xStep) parts.push(`<text x="${fmt(sx(x))}" y="${m.top + ph + 16}" text-anchor="middle">${x}</text>`);
  parts.push(`<text x="${m.left + pw / 2}" y="${height - 6}" text-anchor="middle">day</text>`);
  if (o.yLabel) parts.push(`<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`);
  for (const t of o.thresholds ?? []) {
    parts.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${fmt(sy(t.value))}" y2="${fmt(sy(t.value))}" stroke="${t.color}" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${m.left + pw + 4}" y="${fmt(sy(t.value) + 4)}" fill="${t.color}">${esc(t.label)}</text>`);
  }
  for (const mk of o.markers ?? []) {
    parts.push(`<line x1="${fmt(sx(mk.x))}" x2="${fmt(sx(mk.x))}" y1="${m.top}" y2="${m.top + ph}" stroke="${mk.color}" stroke-dasharray="2 3"/>`);
    parts.push(`<text x="${fmt(sx(mk.x) + 3)}" y="${m.top + 12}" fill="${mk.color}">${esc(mk.label)}</text>`);
  }
  o.series.forEach((s, k) => {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v) || i >= o.x.length) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${fmt(sx(o.x[i]))} ${fmt(sy(v))} `;
      pen = true;
    });
    parts.push(`<path d="${d.trim()}" fill="none" stroke="${s.color}" stroke-width="1.6"/>`);
    const ly = m.top + 14 + k * 16;
    parts.push(`<line x1="${m.left + pw + 4}" x2="${m.left + pw + 22}" y1="${ly + 40}" y2="${ly + 40}" stroke="${s.color}" stroke-width="2"/>`);
    parts.push(`<text x="${m.left + pw + 26}" y="${ly + 44}">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
