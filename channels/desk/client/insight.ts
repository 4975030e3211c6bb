/* Browser script of the insight page: loads the figures, shows each chart as an image (SVG from
   the server, as a data: URL) with the same numbers as a table for screen readers and keyboards. */
import { api, auth, el, lang, onLogin, t, type Json } from './common';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
interface Chart { id: string; title: string; svg: string; table: { caption: string; columns: string[]; rows: (string | number)[][] } }

function query(): string {
  const q = new URLSearchParams();
  if (lang !== 'de') q.set('lang', lang);
  for (const [k, id] of [['from', 'i-from'], ['to', 'i-to'], ['service', 'i-service'], ['version', 'i-version']]) {
    const v = $<HTMLInputElement>(id).value;
    if (v) q.set(k, v);
  }
  return q.toString();
}

function table(c: Chart): HTMLElement {
  const wrap = el('div', undefined, 'scroll');
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', t('i_table', { caption: c.table.caption }));
  const tbl = el('table');
  tbl.append(el('caption', c.table.caption));
  const head = el('tr');
  for (const h of c.table.columns) { const th = el('th', h); th.setAttribute('scope', 'col'); head.append(th); }
  tbl.append(head);
  for (const r of c.table.rows) {
    const tr = el('tr');
    r.forEach((v, i) => { const cell = el(i === 0 ? 'th' : 'td', String(v)); if (i === 0) cell.setAttribute('scope', 'row'); tr.append(cell); });
    tbl.append(tr);
  }
  if (c.table.rows.length === 0) { const tr = el('tr'); const td = el('td', t('i_no_data')); td.setAttribute('colspan', String(c.table.columns.length)); tr.append(td); tbl.append(tr); }
  wrap.append(tbl);
  return wrap;
}

function fillSelect(id: string, options: { id: string; label: string }[]): void {
  const sel = $<HTMLSelectElement>(id);
  const keep = sel.value;
  sel.replaceChildren(sel.options[0]);
  for (const o of options) { const opt = document.createElement('option'); opt.value = o.id; opt.textContent = o.label; sel.append(opt); }
  sel.value = keep;
}

async function load(): Promise<void> {
  const status = $('insight-status');
  status.textContent = t('i_loading');
  try {
    const r = await api(`/desk/api/insight?${query()}`);
    const days = r.days as { from: string; to: string };
    $<HTMLInputElement>('i-from').value = days.from;
    $<HTMLInputElement>('i-to').value = days.to;
    fillSelect('i-service', r.services as { id: string; label: string }[]);
    fillSelect('i-version', [...new Set((r.versions as Json[]).map((v) => String(v.version)))].sort().map((v) => ({ id: v, label: v })));
    const box = $('charts');
    box.replaceChildren();
    for (const c of r.charts as Chart[]) {
      const fig = el('figure');
      fig.id = `chart-${c.id}`;
      const h = el('h3', c.title);
      const img = document.createElement('img');
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}`;
      img.alt = t('i_chart_alt', { title: c.title });
      img.className = 'chart';
      fig.append(h, img, table(c));
      box.append(fig);
    }
    status.textContent = t('i_total', { n: Number(r.total), from: days.from, to: days.to });
  } catch (e) {
    status.textContent = t('error', { message: (e as Error).message });
  }
}

async function csv(): Promise<void> {
  const res = await fetch(`/desk/api/insight.csv?${query()}`, { headers: { Authorization: auth() } });
  if (!res.ok) { $('insight-status').textContent = t('i_csv_failed'); return; }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'auswertung.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function start(): Promise<void> {
  try {
    const me = await api('/desk/api/me');
    $('who').textContent = t('logged_in_short', { who: String(me.staff) });
    $('login').hidden = true;
    $('insight').hidden = false;
    await load();
  } catch (e) {
    $('login-error').textContent = (e as Error).message;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  onLogin(start);
  $('insight-form').addEventListener('submit', (ev) => { ev.preventDefault(); void load(); });
  $('csv').addEventListener('click', () => { void csv(); });
  if (auth()) void start();
});
