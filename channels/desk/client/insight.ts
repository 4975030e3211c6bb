/* Browser script of the insight page: loads the figures, shows each chart as an image (SVG from
   the server, as a data: URL) with the same numbers as a table for screen readers and keyboards. */
import { api, auth, el, onLogin, type Json } from './common';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
interface Chart { id: string; title: string; svg: string; table: { caption: string; columns: string[]; rows: (string | number)[][] } }

function query(): string {
  const q = new URLSearchParams();
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
  wrap.setAttribute('aria-label', `${c.table.caption} (Tabelle)`);
  const t = el('table');
  t.append(el('caption', c.table.caption));
  const head = el('tr');
  for (const h of c.table.columns) { const th = el('th', h); th.setAttribute('scope', 'col'); head.append(th); }
  t.append(head);
  for (const r of c.table.rows) {
    const tr = el('tr');
    r.forEach((v, i) => { const cell = el(i === 0 ? 'th' : 'td', String(v)); if (i === 0) cell.setAttribute('scope', 'row'); tr.append(cell); });
    t.append(tr);
  }
  if (c.table.rows.length === 0) { const tr = el('tr'); const td = el('td', 'Keine Daten.'); td.setAttribute('colspan', String(c.table.columns.length)); tr.append(td); t.append(tr); }
  wrap.append(t);
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
  status.textContent = 'Wird berechnet …';
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
      img.alt = `Diagramm: ${c.title}. Die Zahlen stehen in der Tabelle darunter.`;
      img.className = 'chart';
      fig.append(h, img, table(c));
      box.append(fig);
    }
    status.textContent = `${String(r.total)} Gespräche vom ${days.from} bis ${days.to}.`;
  } catch (e) {
    status.textContent = `Fehler: ${(e as Error).message}`;
  }
}

async function csv(): Promise<void> {
  const res = await fetch(`/desk/api/insight.csv?${query()}`, { headers: { Authorization: auth() } });
  if (!res.ok) { $('insight-status').textContent = 'Die CSV-Datei konnte nicht erstellt werden.'; return; }
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
    $('who').textContent = `Angemeldet als ${String(me.staff)}`;
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
