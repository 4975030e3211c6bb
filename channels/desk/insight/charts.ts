/** Turns an insight report into charts (SVG) with the same numbers as tables, and into CSV. */
import { REASON_FAMILIES } from '../reasons';
import type { InsightReport } from './aggregate';
import { barChart, timeChart } from './svg';

export interface Chart {
  id: string;
  title: string;
  svg: string;
  table: { caption: string; columns: string[]; rows: (string | number)[][] };
}

const CHANNEL: Record<string, string> = { web: 'Web-Chat', email: 'E-Mail', phone: 'Telefon', api: 'Schnittstelle', cli: 'Kommandozeile' };
const pct = (n: number, of: number): string => (of === 0 ? '–' : `${Math.round((n / of) * 1000) / 10} %`);
const reasonLabel = (id: string): string => REASON_FAMILIES.find((r) => r.id === id)?.label ?? id;

/** The charts of the page, in reading order. `title(service)` names a service. */
export function chartsOf(r: InsightReport, title: (service: string) => string): Chart[] {
  const channels = [...new Set(r.perBucket.flatMap((b) => Object.keys(b.channels)))].sort();
  const perTime: Chart = {
    id: 'verlauf', title: `Gespräche pro ${r.bucket === 'day' ? 'Tag' : 'Woche'} nach Kanal`,
    svg: timeChart(`Gespräche pro ${r.bucket === 'day' ? 'Tag' : 'Woche'} nach Kanal`, r.perBucket.map((b) => ({ bucket: b.bucket, values: channels.map((c) => b.channels[c] ?? 0) })), channels.map((c) => CHANNEL[c] ?? c)),
    table: { caption: 'Gespräche nach Zeitraum und Kanal', columns: [r.bucket === 'day' ? 'Tag' : 'Woche ab', ...channels.map((c) => CHANNEL[c] ?? c)],
      rows: r.perBucket.map((b) => [b.bucket, ...channels.map((c) => b.channels[c] ?? 0)]) },
  };
  const perService: Chart = {
    id: 'dienste', title: 'Gespräche nach Dienst und Kanal',
    svg: barChart('Gespräche nach Dienst und Kanal', r.rates.map((x) => ({ label: title(x.service), values: channels.map((c) => r.perServiceChannel.find((p) => p.service === x.service && p.channel === c)?.count ?? 0) })), channels.map((c) => CHANNEL[c] ?? c)),
    table: { caption: 'Gespräche nach Dienst und Kanal', columns: ['Dienst', 'Kanal', 'Gespräche'], rows: r.perServiceChannel.map((p) => [title(p.service), CHANNEL[p.channel] ?? p.channel, p.count]) },
  };
  const rates: Chart = {
    id: 'quoten', title: 'Abschluss, Übergabe und Abbruch je Dienst',
    svg: barChart('Abschluss, Übergabe und Abbruch je Dienst (Anteile)', r.rates.map((x) => ({ label: title(x.service), values: [x.completed, x.handedOff, x.abandoned, x.open] })), ['abgeschlossen', 'an Menschen übergeben', 'abgebrochen', 'offen'], { percent: true }),
    table: { caption: 'Quoten je Dienst', columns: ['Dienst', 'Gespräche', 'vom Assistenten abgeschlossen', 'übergeben', 'abgebrochen', 'offen'],
      rows: r.rates.map((x) => [title(x.service), x.total, pct(x.completed, x.total), pct(x.handedOff, x.total), pct(x.abandoned, x.total), pct(x.open, x.total)]) },
  };
  const spots: Chart = {
    id: 'hotspots', title: 'Wo Bürgerinnen und Bürger scheitern oder aufgeben',
    svg: barChart('Wo Bürgerinnen und Bürger scheitern oder aufgeben', r.hotSpots.map((h) => ({ label: `${h.label} (${title(h.service)})`, values: [h.failures, h.stopped] })), ['Fehlversuche', 'hier übergeben oder abgebrochen']),
    table: { caption: 'Fragen und Schritte mit den meisten Fehlversuchen und Abbrüchen', columns: ['Frage / Schritt', 'Dienst', 'Fehlversuche', 'hier übergeben oder abgebrochen', 'betroffene Gespräche'],
      rows: r.hotSpots.map((h) => [h.label, title(h.service), h.failures, h.stopped, h.sessions]) },
  };
  const questions: Chart = {
    id: 'fragen', title: 'Häufige Fragen ohne hinterlegte Antwort (Stichwörter)',
    svg: barChart('Häufige Fragen ohne hinterlegte Antwort (Stichwörter)', r.unanswered.map((u) => ({ label: u.word, values: [u.sessions] })), ['Gespräche']),
    table: { caption: 'Stichwörter aus unbeantworteten Fragen (nur Wörter aus mindestens 3 Gesprächen)', columns: ['Stichwort', 'Gespräche', 'gefragt bei'],
      rows: r.unanswered.map((u) => [u.word, u.sessions, u.at.join('; ')]) },
  };
  const reasons: Chart = {
    id: 'gruende', title: 'Gründe für die Übergabe an die Sachbearbeitung',
    svg: barChart('Gründe für die Übergabe an die Sachbearbeitung', r.handoffReasons.map((h) => ({ label: reasonLabel(h.reason), values: [h.count] })), ['Übergaben']),
    table: { caption: 'Übergabegründe', columns: ['Grund', 'Übergaben'], rows: r.handoffReasons.map((h) => [reasonLabel(h.reason), h.count]) },
  };
  return [perTime, perService, rates, spots, questions, reasons];
}

function cell(v: string | number): string {
  const s = String(v);
  // Quote always; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** All tables as one CSV (section, then the table's own columns), UTF-8 with BOM for spreadsheets. */
export function chartsCsv(charts: Chart[], r: InsightReport): string {
  const lines = [[cell('Auswertung'), cell(`${r.filter.from} bis ${r.filter.to}`), cell(r.filter.version ?? 'alle Versionen'), cell(r.filter.service ?? 'alle Dienste'), cell(r.total)].join(',')];
  for (const c of charts) {
    lines.push('', [cell('Abschnitt'), ...c.table.columns.map(cell)].join(','));
    for (const row of c.table.rows) lines.push([cell(c.title), ...row.map(cell)].join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
