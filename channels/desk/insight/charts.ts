/** Turns an insight report into charts (SVG) with the same numbers as tables, and into CSV. */
import { reasonFamilies } from '../reasons';
import { deskText, type DeskKey, type DeskLocale } from '../i18n';
import type { InsightReport } from './aggregate';
import { barChart, timeChart } from './svg';

export interface Chart {
  id: string;
  title: string;
  svg: string;
  table: { caption: string; columns: string[]; rows: (string | number)[][] };
}

const pct = (n: number, of: number): string => (of === 0 ? '–' : `${Math.round((n / of) * 1000) / 10} %`);
const CHANNELS = ['web', 'email', 'phone', 'api', 'cli'];

/** The charts of the page, in reading order, in the desk's language. `title(service)` names a service. */
export function chartsOf(r: InsightReport, title: (service: string) => string, locale: DeskLocale = 'de'): Chart[] {
  const t = (key: DeskKey, vars?: Record<string, string | number>) => deskText(locale, key, vars);
  const channelName = (c: string): string => (CHANNELS.includes(c) ? t(`channel_${c}` as DeskKey) : c);
  const families = reasonFamilies(locale);
  const reasonLabel = (id: string): string => families.find((f) => f.id === id)?.label ?? id;
  const channels = [...new Set(r.perBucket.flatMap((b) => Object.keys(b.channels)))].sort();
  const perTimeTitle = t(r.bucket === 'day' ? 'i_per_day' : 'i_per_week');
  const perTime: Chart = {
    id: 'verlauf', title: perTimeTitle,
    svg: timeChart(perTimeTitle, r.perBucket.map((b) => ({ bucket: b.bucket, values: channels.map((c) => b.channels[c] ?? 0) })), channels.map(channelName)),
    table: { caption: t('i_per_time_caption'), columns: [t(r.bucket === 'day' ? 'i_day' : 'i_week_from'), ...channels.map(channelName)],
      rows: r.perBucket.map((b) => [b.bucket, ...channels.map((c) => b.channels[c] ?? 0)]) },
  };
  const perService: Chart = {
    id: 'dienste', title: t('i_per_service'),
    svg: barChart(t('i_per_service'), r.rates.map((x) => ({ label: title(x.service), values: channels.map((c) => r.perServiceChannel.find((p) => p.service === x.service && p.channel === c)?.count ?? 0) })), channels.map(channelName)),
    table: { caption: t('i_per_service'), columns: [t('col_service'), t('col_channel'), t('i_conversations')], rows: r.perServiceChannel.map((p) => [title(p.service), channelName(p.channel), p.count]) },
  };
  const rates: Chart = {
    id: 'quoten', title: t('i_rates'),
    svg: barChart(t('i_rates_svg'), r.rates.map((x) => ({ label: title(x.service), values: [x.completed, x.handedOff, x.abandoned, x.open] })), [t('i_completed'), t('i_handed_off'), t('i_abandoned'), t('i_open')], { percent: true }),
    table: { caption: t('i_rates_caption'), columns: [t('col_service'), t('i_conversations'), t('i_completed_long'), t('i_handed_off_short'), t('i_abandoned'), t('i_open')],
      rows: r.rates.map((x) => [title(x.service), x.total, pct(x.completed, x.total), pct(x.handedOff, x.total), pct(x.abandoned, x.total), pct(x.open, x.total)]) },
  };
  const spots: Chart = {
    id: 'hotspots', title: t('i_spots'),
    svg: barChart(t('i_spots'), r.hotSpots.map((h) => ({ label: `${h.label} (${title(h.service)})`, values: [h.failures, h.stopped] })), [t('i_failures'), t('i_stopped')]),
    table: { caption: t('i_spots_caption'), columns: [t('i_question_step'), t('col_service'), t('i_failures'), t('i_stopped'), t('i_sessions')],
      rows: r.hotSpots.map((h) => [h.label, title(h.service), h.failures, h.stopped, h.sessions]) },
  };
  const questions: Chart = {
    id: 'fragen', title: t('i_unanswered'),
    svg: barChart(t('i_unanswered'), r.unanswered.map((u) => ({ label: u.word, values: [u.sessions] })), [t('i_conversations')]),
    table: { caption: t('i_unanswered_caption'), columns: [t('i_word'), t('i_conversations'), t('i_asked_at')],
      rows: r.unanswered.map((u) => [u.word, u.sessions, u.at.join('; ')]) },
  };
  const reasons: Chart = {
    id: 'gruende', title: t('i_reasons'),
    svg: barChart(t('i_reasons'), r.handoffReasons.map((h) => ({ label: reasonLabel(h.reason), values: [h.count] })), [t('i_handoffs')]),
    table: { caption: t('i_reasons_caption'), columns: [t('i_reason'), t('i_handoffs')], rows: r.handoffReasons.map((h) => [reasonLabel(h.reason), h.count]) },
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
export function chartsCsv(charts: Chart[], r: InsightReport, locale: DeskLocale = 'de'): string {
  const t = (key: DeskKey, vars?: Record<string, string | number>) => deskText(locale, key, vars);
  const lines = [[cell(t('i_csv_head')), cell(t('i_csv_range', { from: r.filter.from, to: r.filter.to })), cell(r.filter.version ?? t('i_version_all')), cell(r.filter.service ?? t('f_service_all')), cell(r.total)].join(',')];
  for (const c of charts) {
    lines.push('', [cell(t('i_csv_section')), ...c.table.columns.map(cell)].join(','));
    for (const row of c.table.rows) lines.push([cell(c.title), ...row.map(cell)].join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
