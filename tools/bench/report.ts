import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';

export interface Metric {
  /** Stable key, e.g. "app.rps"; the previous report is matched on measurement id and key. */
  key: string;
  label: string;
  value: number | null;
  unit: string;
}

export interface Target {
  description: string;
  /** null: not measured in this run (e.g. skipped in smoke mode). */
  pass: boolean | null;
}

export interface Measurement {
  id: string;
  title: string;
  metrics: Metric[];
  targets: Target[];
  notes: string[];
  /** Set when the measurement itself broke (as opposed to missing a target). */
  error?: string;
  /** Left out of this run by --only. */
  skipped?: boolean;
}

export interface Report {
  mode: 'full' | 'smoke';
  startedAt: string;
  finishedAt: string;
  machine: { nproc: number; cpu: string; memoryGb: number; node: string; platform: string };
  dataset: Record<string, number | string>;
  measurements: Measurement[];
}

export function machine(): Report['machine'] {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1e9),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Moves an existing report to `previousFile`, writes the new one, and returns the previous (if any). */
export function writeReport(report: Report, file: string, previousFile: string): Report | null {
  mkdirSync(dirname(file), { recursive: true });
  let previous: Report | null = null;
  if (existsSync(file)) {
    try {
      previous = JSON.parse(readFileSync(file, 'utf8')) as Report;
    } catch {
      previous = null;
    }
    renameSync(file, previousFile);
  } else if (existsSync(previousFile)) {
    try {
      previous = JSON.parse(readFileSync(previousFile, 'utf8')) as Report;
    } catch {
      previous = null;
    }
  }
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return previous;
}

function format(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

function verdict(pass: boolean | null): string {
  return pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL';
}

/** A plain-text table: every metric with the previous run's figure beside it, then every target. */
export function renderTable(report: Report, previous: Report | null): string {
  const rows: string[][] = [['', 'measurement', 'this run', previous ? `previous (${previous.startedAt.slice(0, 16)})` : 'previous']];
  for (const m of report.measurements) {
    const before = previous?.measurements.find((p) => p.id === m.id);
    if (m.error) rows.push([m.id, `${m.title}: BROKEN`, m.error.split('\n')[0]?.slice(0, 80) ?? '', '']);
    for (const metric of m.metrics) {
      const old = before?.metrics.find((p) => p.key === metric.key);
      rows.push([m.id, metric.label, format(metric.value, metric.unit), old ? format(old.value, old.unit) : '']);
    }
    for (const target of m.targets) {
      const old = before?.targets.find((p) => p.description === target.description);
      rows.push([m.id, `target: ${target.description}`, verdict(target.pass), old ? verdict(old.pass) : '']);
    }
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(rows[0] ?? []), rule, ...rows.slice(1).map(line)].join('\n');
}

export function failedTargets(report: Report): string[] {
  return report.measurements.flatMap((m) => m.targets.filter((t) => t.pass === false).map((t) => `${m.id}: ${t.description}`));
}

/** Measurements that broke, or whose metrics are missing or not finite numbers. */
export function brokenMeasurements(report: Report): string[] {
  return report.measurements.flatMap((m) => {
    if (m.skipped) return [];
    if (m.error) return [`${m.id}: ${m.error.split('\n')[0] ?? ''}`];
    if (!m.metrics.length) return [`${m.id}: no metrics`];
    const bad = m.metrics.filter((metric) => metric.value === null || !Number.isFinite(metric.value));
    return bad.length ? [`${m.id}: no number for ${bad.map((b) => b.key).join(', ')}`] : [];
  });
}
