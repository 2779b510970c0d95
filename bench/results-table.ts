/**
 * The suite's one results table: every figure beside its baseline, the median block ratio with
 * its spread, the target and the verdict. A bench that reports no figures (group-commit, memory)
 * is listed by its targets, so nothing it checks is left out of the table.
 */
import { type BenchResult, type Figure, figurePasses, fmt, formatTable } from './support';

export type Verdict = 'pass' | 'miss' | 'info';

export function verdictOf(f: Figure): Verdict {
  const passes = figurePasses(f);
  return passes === undefined ? 'info' : passes ? 'pass' : 'miss';
}

export function figuresOf(result: BenchResult): Figure[] {
  const figures = result.figures ?? [];
  const covered = new Set(figures.map((f) => f.id));
  const fromTargets: Figure[] = result.targets
    .filter((t) => !covered.has(t.id) && !t.skipped)
    .map((t) => ({
      id: t.id,
      figure: t.description,
      unit: t.unit ?? '',
      value: t.actual,
      target: { on: 'value', comparator: t.comparator === '==' ? '<=' : t.comparator, threshold: t.threshold },
      digits: t.digits,
    }));
  return [...figures, ...fromTargets];
}

export const FIGURE_HEADERS = ['id', 'figure', 'value', 'baseline', 'ratio', 'ratio IQR', 'target', 'verdict'];

function number(value: number, digits?: number): string {
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return fmt(value, d);
}

export function figureRows(figures: Figure[]): string[][] {
  return figures.map((f) => {
    const t = f.target;
    const target = t ? `${t.on === 'ratio' ? 'ratio ' : ''}${t.comparator} ${t.on === 'ratio' ? fmt(t.threshold, 2) : `${number(t.threshold, f.digits)} ${f.unit}`}` : '—';
    return [
      f.id,
      f.figure,
      `${number(f.value, f.digits)} ${f.unit}`.trim(),
      f.baseline ? `${number(f.baseline.value, f.digits)} (${f.baseline.what})` : '—',
      f.ratio === undefined ? '—' : fmt(f.ratio, 3),
      f.spread ? `${fmt(f.spread.q25, 2)}–${fmt(f.spread.q75, 2)} (n=${f.spread.blocks})` : '—',
      target,
      verdictOf(f).toUpperCase(),
    ];
  });
}

export function formatFigureTable(figures: Figure[]): string {
  return formatTable(FIGURE_HEADERS, figureRows(figures));
}

/** The same table as Markdown, for bench/README.md. */
export function markdownFigureTable(figures: Figure[]): string {
  const rows = figureRows(figures);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(FIGURE_HEADERS), line(FIGURE_HEADERS.map(() => '---')), ...rows.map(line)].join('\n');
}
