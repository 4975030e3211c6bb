/* Browser script of the case-worker desk. All text goes through textContent: nothing a citizen
   wrote is ever parsed as HTML. The credential lives in sessionStorage only. */
import { api, auth, clearAuth, el, fmtDate, fmtWait, onLogin, type Json } from './common';

let current = '';
let me = '';
let fields: Record<string, { label: string; type: string; options?: { id: string; label: string }[] }> = {};

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const CHANNEL: Record<string, string> = { web: 'Web-Chat', email: 'E-Mail', phone: 'Telefon', api: 'Schnittstelle', cli: 'Kommandozeile' };
const ROLE: Record<string, string> = { citizen: 'Bürger/in', assistant: 'Assistent (KI)', staff: 'Sachbearbeitung' };
const SOURCE: Record<string, string> = { extractor: 'Bürger/in, regelbasiert erkannt', llm: 'Bürger/in, per Sprachmodell vorgeschlagen und geprüft', staff: 'Sachbearbeitung' };
const STATE: Record<string, string> = { handoff: 'wartet auf Übernahme', taken: 'übernommen', returned: 'an den Assistenten zurückgegeben', closed: 'abgeschlossen' };
const STATUS: Record<string, string> = { active: 'im Gespräch mit dem Assistenten', handoff: 'bei der Sachbearbeitung', completed: 'abgeschlossen', cancelled: 'abgebrochen' };
const TYPE_HINT: Record<string, string> = {
  date: 'Datum, z. B. 15.12.2026', time: 'Uhrzeit, z. B. 14:30', integer: 'ganze Zahl', number: 'Zahl', money: 'Betrag in Euro, z. B. 12,50',
  boolean: 'ja oder nein', email: 'E-Mail-Adresse', phone: 'Telefonnummer', postcode: 'fünfstellige Postleitzahl', text: 'Text',
};
const ERROR: Record<string, string> = {
  not_taken: 'Bitte übernehmen Sie den Fall zuerst („Fall übernehmen“); erst dann können Sie antworten, korrigieren, zurückgeben oder abschließen.',
  taken_by_other: 'Der Fall ist von einer anderen Person übernommen. Übernehmen Sie ihn zuerst, wenn Sie ihn bearbeiten sollen.',
  invalid_value: 'Dieser Wert passt nicht zu der Angabe. Prüfen Sie das Format.',
  reason_required: 'Bitte geben Sie einen Grund für die Korrektur an.',
};

function fmt(v: unknown): string {
  if (v === undefined || v === null) return '–';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

const label = (slot: string): string => fields[slot]?.label ?? slot;

function valueText(slot: string, v: unknown): string {
  if (v === null) return '(keine Angabe)';
  const opts = fields[slot]?.options;
  if (opts) {
    const name = (x: unknown): string => opts.find((o) => o.id === x)?.label ?? fmt(x);
    return Array.isArray(v) ? v.map(name).join(', ') : name(v);
  }
  if (typeof v === 'boolean') return v ? 'ja' : 'nein';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v.split('-').reverse().join('.');
  return fmt(v);
}

function errorText(e: unknown): string {
  const err = e as Error & { code?: string };
  return (err.code && ERROR[err.code]) || err.message;
}

function fillSelect(id: string, options: { id: string; label: string }[], first?: string): void {
  const sel = $<HTMLSelectElement>(id);
  const keep = first !== undefined ? [sel.options[0]] : [];
  sel.replaceChildren(...keep);
  for (const o of options) { const opt = document.createElement('option'); opt.value = o.id; opt.textContent = o.label; sel.append(opt); }
}

async function loadFilters(): Promise<void> {
  const f = await api('/desk/api/filters') as { services: { id: string; label: string }[]; reasons: { id: string; label: string }[]; channels: string[] };
  fillSelect('f-service', f.services, '');
  fillSelect('f-reason', f.reasons, '');
  fillSelect('f-channel', f.channels.map((c) => ({ id: c, label: CHANNEL[c] ?? c })), '');
}

function queueQuery(): string {
  const q = new URLSearchParams();
  q.set('status', $<HTMLSelectElement>('f-status').value);
  for (const k of ['service', 'reason', 'channel']) { const v = $<HTMLSelectElement>(`f-${k}`).value; if (v) q.set(k, v); }
  if ($<HTMLInputElement>('f-mine').checked) q.set('mine', '1');
  return q.toString();
}

async function loadCases(): Promise<void> {
  const { cases } = (await api(`/desk/api/cases?${queueQuery()}`)) as { cases: Json[] };
  const rows = $('case-rows');
  rows.replaceChildren();
  for (const k of cases) {
    const tr = el('tr');
    const td = el('td');
    const short = String(k.id).slice(0, 8);
    const b = el('button', short, 'link') as HTMLButtonElement;
    b.type = 'button';
    b.setAttribute('aria-label', `Fall ${short} öffnen: ${fmt(k.serviceTitle ?? k.service)}`);
    b.addEventListener('click', () => { void openCase(String(k.id)); });
    td.append(b);
    const state = STATE[String(k.deskState)] ?? '';
    tr.append(td, el('td', fmt(k.serviceTitle ?? k.service)), el('td', CHANNEL[String(k.channel)] ?? fmt(k.channel)),
      el('td', fmt(k.reasonText)), el('td', fmtDate(k.receivedAt)),
      el('td', typeof k.waitingSeconds === 'number' ? `${fmtWait(k.waitingSeconds)} (seit ${fmtDate(k.waitingSince)})` : `wartet nicht${state ? ` – ${state}` : ''}`),
      el('td', fmt(k.takenBy)));
    rows.append(tr);
  }
  if (cases.length === 0) { const tr = el('tr'); const td = el('td', 'Keine Fälle.'); td.setAttribute('colspan', '7'); tr.append(td); rows.append(tr); }
  $('cases-count').textContent = `${cases.length} ${cases.length === 1 ? 'Fall' : 'Fälle'} angezeigt.`;
}

function section(title: string, body: HTMLElement): HTMLElement {
  const s = el('section');
  s.append(el('h3', title), body);
  return s;
}

function list(items: string[], empty: string): HTMLElement {
  const ul = el('ul');
  for (const i of items) ul.append(el('li', i));
  if (items.length === 0) ul.append(el('li', empty));
  return ul;
}

function renderCorrectForm(): void {
  fillSelect('c-slot', Object.entries(fields).map(([id, f]) => ({ id, label: f.label })));
  updateValueInput();
}

function updateValueInput(): void {
  const f = fields[$<HTMLSelectElement>('c-slot').value];
  const options = f?.options ?? (f?.type === 'boolean' ? [{ id: 'true', label: 'ja' }, { id: 'false', label: 'nein' }] : undefined);
  $('c-value-wrap').hidden = !!options;
  $('c-option').parentElement!.hidden = !options;
  if (options) fillSelect('c-option', options);
  $('c-value-hint').textContent = f ? `Erwartet: ${options ? 'eine der Möglichkeiten' : TYPE_HINT[f.type] ?? f.type}.` : '';
}

async function openCase(id: string): Promise<void> {
  current = id;
  const d = await api(`/desk/api/cases/${encodeURIComponent(id)}`);
  fields = (d.fields ?? {}) as typeof fields;
  $('detail-h').textContent = `Fall ${id.slice(0, 8)} – ${fmt(d.serviceTitle ?? d.service)}`;
  const body = $('detail-body');
  body.replaceChildren();
  const meta = el('dl');
  const row = (k: string, v: string): void => { meta.append(el('dt', k), el('dd', v)); };
  row('Grund der Übergabe', fmt(d.reasonText));
  row('Stand', `${STATUS[String(d.status)] ?? fmt(d.status)}${d.deskState ? ` (${STATE[String(d.deskState)] ?? d.deskState})` : ''}`);
  row('Kanal', CHANNEL[String(d.channel)] ?? fmt(d.channel));
  row('Eingegangen', fmtDate(d.receivedAt));
  row('An die Sachbearbeitung übergeben', fmtDate(d.handedOffAt));
  row('Wartet auf Antwort', typeof d.waitingSeconds === 'number' ? `${fmtWait(d.waitingSeconds)} (seit ${fmtDate(d.waitingSince)})` : 'nein');
  row('Bearbeitet von', fmt(d.takenBy));
  row('Version der Definition', fmt(d.version));
  body.append(meta);
  const slots = el('table');
  slots.append(el('caption', 'Erfasste Angaben mit Beleg'));
  const head = el('tr');
  for (const h of ['Angabe', 'Wert', 'Beleg (Wortlaut)', 'Quelle', 'bestätigt']) { const th = el('th', h); th.setAttribute('scope', 'col'); head.append(th); }
  slots.append(head);
  for (const [name, s] of Object.entries((d.slots ?? {}) as Record<string, Json>)) {
    const tr = el('tr');
    const th = el('th', label(name)); th.setAttribute('scope', 'row');
    tr.append(th, el('td', valueText(name, s.value)), el('td', fmt(s.evidence)), el('td', SOURCE[String(s.source)] ?? fmt(s.source)), el('td', s.confirmed ? 'ja' : 'nein'));
    slots.append(tr);
  }
  const wrap = el('div', undefined, 'scroll');
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', 'Angaben (waagerecht scrollbar)');
  wrap.append(slots);
  body.append(section('Angaben', wrap));
  body.append(section('Offene Fragen', list(((d.openQuestions as string[]) ?? []).map(label), 'keine')));
  body.append(section('Nicht zugeordnete Aussagen', list(((d.unmapped as string[]) ?? []).map(fmt), 'keine')));
  const attList = el('ul');
  for (const a of (d.attachments as Json[]) ?? []) {
    const li = el('li');
    const b = el('button', `${fmt(a.filename)} herunterladen`, 'link') as HTMLButtonElement;
    b.type = 'button';
    b.addEventListener('click', () => { void download(id, String(a.id), String(a.filename)); });
    li.append(b, document.createTextNode(` (${fmt(a.contentType)}, ${fmt(a.size)} Bytes)`));
    attList.append(li);
  }
  if (attList.childElementCount === 0) attList.append(el('li', 'keine'));
  body.append(section('Anhänge', attList));
  const log = el('ol');
  for (const m of (d.transcript as Json[]) ?? []) log.append(el('li', `${ROLE[String(m.role)] ?? fmt(m.role)}, ${fmtDate(m.at)}: ${fmt(m.text)}`, `msg-${fmt(m.role)}`));
  body.append(section('Gesprächsverlauf', log));
  $('take-hint').textContent = d.takenBy === me ? 'Sie bearbeiten diesen Fall.'
    : d.takenBy ? `Übernommen von ${fmt(d.takenBy)}. Übernehmen Sie den Fall, um ihn selbst zu bearbeiten.`
      : 'Übernehmen Sie den Fall, bevor Sie antworten.';
  renderCorrectForm();
  $('work').hidden = d.status !== 'handoff';
  $('work-closed').hidden = d.status === 'handoff';
  $('detail').hidden = false;
  $('detail-h').focus();
}

// The download needs the Authorization header, so it goes through fetch and a blob URL.
async function download(caseId: string, attachmentId: string, filename: string): Promise<void> {
  const res = await fetch(`/desk/api/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}`, { headers: { Authorization: auth() } });
  if (!res.ok) { $('detail-status').textContent = 'Anhang konnte nicht geladen werden.'; return; }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Act = 'take' | 'answer' | 'close' | 'handback' | 'correct';
const DONE: Record<Act, string> = {
  take: 'Fall übernommen.', answer: 'Antwort gesendet.', close: 'Fall abgeschlossen, Nachricht gesendet.',
  handback: 'Fall an den Assistenten zurückgegeben.', correct: 'Angabe korrigiert; die Bürgerin / der Bürger wurde informiert.',
};

function bodyOf(type: Act): Json {
  const v = (id: string): string => ($(id) as HTMLInputElement | HTMLTextAreaElement).value;
  switch (type) {
    case 'answer': return { text: v('answer') };
    case 'close': return { text: v('close-note') };
    case 'handback': return { text: v('handback-note') };
    case 'correct': {
      const slot = v('c-slot');
      const f = fields[slot];
      const choice = f?.options || f?.type === 'boolean';
      const raw = choice ? v('c-option') : v('c-value');
      return { slot, value: f?.type === 'boolean' ? raw === 'true' : raw, reason: v('c-reason') };
    }
    default: return {};
  }
}

async function act(type: Act): Promise<void> {
  if (!current) return;
  const status = $('detail-status');
  try {
    await api(`/desk/api/cases/${encodeURIComponent(current)}/${type}`, { method: 'POST', body: JSON.stringify(bodyOf(type)) });
    for (const id of { answer: ['answer'], close: ['close-note'], handback: ['handback-note'], correct: ['c-value', 'c-reason'], take: [] }[type]) ($(id) as HTMLInputElement).value = '';
    await openCase(current);
    status.textContent = DONE[type];
    await loadCases();
  } catch (e) {
    status.textContent = `Fehler: ${errorText(e)}`;
  }
}

async function start(): Promise<void> {
  try {
    const who = await api('/desk/api/me');
    me = String(who.staff);
    const roles = (who.roles as string[]) ?? [];
    $('who').textContent = `Angemeldet als ${me} (${roles.join(', ')})`;
    $('login').hidden = true; $('nav').hidden = false;
    $('insight-link').hidden = !roles.includes('analyst') && !roles.includes('admin');
    if (!roles.includes('caseworker') && !roles.includes('admin')) {
      $('who').textContent += ' – Ihre Rolle enthält keine Fallbearbeitung.';
      return;
    }
    $('cases').hidden = false;
    await loadFilters();
    await loadCases();
  } catch (e) {
    $('login-error').textContent = (e as Error).message;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  onLogin(start);
  $('logout').addEventListener('click', () => { clearAuth(); location.reload(); });
  $('filter-form').addEventListener('submit', (ev) => { ev.preventDefault(); void loadCases(); });
  $('reload').addEventListener('click', () => { void loadCases(); });
  $('take').addEventListener('click', () => { void act('take'); });
  $('c-slot').addEventListener('change', updateValueInput);
  for (const [form, type] of [['answer-form', 'answer'], ['correct-form', 'correct'], ['handback-form', 'handback'], ['close-form', 'close']] as const) {
    $(form).addEventListener('submit', (ev) => { ev.preventDefault(); void act(type); });
  }
  if (auth()) void start();
});
