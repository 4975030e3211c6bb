/* Browser script of the case-worker desk. All text goes through textContent: nothing a citizen
   wrote is ever parsed as HTML. The credential lives in sessionStorage only. */
import { api, auth, clearAuth, el, fmtDate, fmtWait, lang, onLogin, t, withLang, type Json } from './common';
import type { DeskKey } from '../i18n';

let current = '';
let me = '';
let fields: Record<string, { label: string; type: string; options?: { id: string; label: string }[] }> = {};

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** A catalogue text by prefix and code ("channel", "web" → channel_web), or undefined for an unknown code. */
function coded(prefix: string, code: unknown, known: readonly string[]): string | undefined {
  return known.includes(String(code)) ? t(`${prefix}_${String(code)}` as DeskKey) : undefined;
}
const CHANNELS = ['web', 'email', 'phone', 'api', 'cli'] as const;
const channelName = (c: unknown): string => coded('channel', c, CHANNELS) ?? fmt(c);
const roleName = (r: unknown): string => coded('role', r, ['citizen', 'assistant', 'staff']) ?? fmt(r);
const sourceName = (s: unknown): string => coded('source', s, ['extractor', 'llm', 'staff']) ?? fmt(s);
const stateName = (s: unknown): string | undefined => coded('state', s, ['handoff', 'taken', 'returned', 'closed']);
const statusName = (s: unknown): string => coded('status', s, ['active', 'handoff', 'completed', 'cancelled']) ?? fmt(s);
const typeHint = (type: string): string => coded('type', type, ['date', 'time', 'integer', 'number', 'money', 'boolean', 'email', 'phone', 'postcode', 'text']) ?? type;
const ERRORS = ['not_taken', 'taken_by_other', 'invalid_value', 'reason_required'];

function fmt(v: unknown): string {
  if (v === undefined || v === null) return '–';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

const label = (slot: string): string => fields[slot]?.label ?? slot;

function valueText(slot: string, v: unknown): string {
  if (v === null) return t('none_given');
  const opts = fields[slot]?.options;
  if (opts) {
    const name = (x: unknown): string => opts.find((o) => o.id === x)?.label ?? fmt(x);
    return Array.isArray(v) ? v.map(name).join(', ') : name(v);
  }
  if (typeof v === 'boolean') return v ? t('yes') : t('no');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v.split('-').reverse().join('.');
  return fmt(v);
}

function errorText(e: unknown): string {
  const err = e as Error & { code?: string };
  return (err.code && coded('err', err.code, ERRORS)) || err.message;
}

function fillSelect(id: string, options: { id: string; label: string }[], first?: string): void {
  const sel = $<HTMLSelectElement>(id);
  const keep = first !== undefined ? [sel.options[0]] : [];
  sel.replaceChildren(...keep);
  for (const o of options) { const opt = document.createElement('option'); opt.value = o.id; opt.textContent = o.label; sel.append(opt); }
}

async function loadFilters(): Promise<void> {
  const f = await api(withLang('/desk/api/filters')) as { services: { id: string; label: string }[]; reasons: { id: string; label: string }[]; channels: string[] };
  fillSelect('f-service', f.services, '');
  fillSelect('f-reason', f.reasons, '');
  fillSelect('f-channel', f.channels.map((c) => ({ id: c, label: channelName(c) })), '');
}

function queueQuery(): string {
  const q = new URLSearchParams();
  q.set('status', $<HTMLSelectElement>('f-status').value);
  if (lang !== 'de') q.set('lang', lang);
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
    b.setAttribute('aria-label', t('open_case', { id: short, service: fmt(k.serviceTitle ?? k.service) }));
    b.addEventListener('click', () => { void openCase(String(k.id)); });
    td.append(b);
    const state = stateName(k.deskState) ?? '';
    tr.append(td, el('td', fmt(k.serviceTitle ?? k.service)), el('td', channelName(k.channel)),
      el('td', fmt(k.reasonText)), el('td', fmtDate(k.receivedAt)),
      el('td', typeof k.waitingSeconds === 'number' ? t('waiting', { wait: fmtWait(k.waitingSeconds), since: fmtDate(k.waitingSince) }) : `${t('not_waiting')}${state ? ` – ${state}` : ''}`),
      el('td', fmt(k.takenBy)));
    rows.append(tr);
  }
  if (cases.length === 0) { const tr = el('tr'); const td = el('td', t('no_cases')); td.setAttribute('colspan', '7'); tr.append(td); rows.append(tr); }
  $('cases-count').textContent = t('cases_count', { n: cases.length });
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
  const options = f?.options ?? (f?.type === 'boolean' ? [{ id: 'true', label: t('yes') }, { id: 'false', label: t('no') }] : undefined);
  $('c-value-wrap').hidden = !!options;
  $('c-option').parentElement!.hidden = !options;
  if (options) fillSelect('c-option', options);
  $('c-value-hint').textContent = f ? t('c_expected', { what: options ? t('c_one_of') : typeHint(f.type) }) : '';
}

async function openCase(id: string): Promise<void> {
  current = id;
  const d = await api(withLang(`/desk/api/cases/${encodeURIComponent(id)}`));
  fields = (d.fields ?? {}) as typeof fields;
  $('detail-h').textContent = t('detail_title', { id: id.slice(0, 8), service: fmt(d.serviceTitle ?? d.service) });
  const body = $('detail-body');
  body.replaceChildren();
  const meta = el('dl');
  const row = (k: string, v: string): void => { meta.append(el('dt', k), el('dd', v)); };
  row(t('row_reason'), fmt(d.reasonText));
  row(t('row_state'), `${statusName(d.status)}${d.deskState ? ` (${stateName(d.deskState) ?? fmt(d.deskState)})` : ''}`);
  row(t('row_channel'), channelName(d.channel));
  row(t('row_received'), fmtDate(d.receivedAt));
  row(t('row_handed_off'), fmtDate(d.handedOffAt));
  row(t('row_waiting'), typeof d.waitingSeconds === 'number' ? t('waiting', { wait: fmtWait(d.waitingSeconds), since: fmtDate(d.waitingSince) }) : t('no'));
  row(t('row_taken_by'), fmt(d.takenBy));
  row(t('row_version'), fmt(d.version));
  body.append(meta);
  const slots = el('table');
  slots.append(el('caption', t('slots_caption')));
  const head = el('tr');
  for (const h of [t('col_slot'), t('col_value'), t('col_evidence'), t('col_source'), t('col_confirmed')]) { const th = el('th', h); th.setAttribute('scope', 'col'); head.append(th); }
  slots.append(head);
  for (const [name, s] of Object.entries((d.slots ?? {}) as Record<string, Json>)) {
    const tr = el('tr');
    const th = el('th', label(name)); th.setAttribute('scope', 'row');
    tr.append(th, el('td', valueText(name, s.value)), el('td', fmt(s.evidence)), el('td', sourceName(s.source)), el('td', s.confirmed ? t('yes') : t('no')));
    slots.append(tr);
  }
  const wrap = el('div', undefined, 'scroll');
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', t('slots_region'));
  wrap.append(slots);
  body.append(section(t('sec_slots'), wrap));
  body.append(section(t('sec_open'), list(((d.openQuestions as string[]) ?? []).map(label), t('none'))));
  body.append(section(t('sec_unmapped'), list(((d.unmapped as string[]) ?? []).map(fmt), t('none'))));
  const attList = el('ul');
  for (const a of (d.attachments as Json[]) ?? []) {
    const li = el('li');
    const b = el('button', t('download', { name: fmt(a.filename) }), 'link') as HTMLButtonElement;
    b.type = 'button';
    b.addEventListener('click', () => { void download(id, String(a.id), String(a.filename)); });
    li.append(b, document.createTextNode(` ${t('attachment_meta', { type: fmt(a.contentType), size: fmt(a.size) })}`));
    attList.append(li);
  }
  if (attList.childElementCount === 0) attList.append(el('li', t('none')));
  body.append(section(t('sec_attachments'), attList));
  const log = el('ol');
  for (const m of (d.transcript as Json[]) ?? []) log.append(el('li', `${roleName(m.role)}, ${fmtDate(m.at)}: ${fmt(m.text)}`, `msg-${fmt(m.role)}`));
  body.append(section(t('sec_transcript'), log));
  $('take-hint').textContent = d.takenBy === me ? t('take_mine') : d.takenBy ? t('take_other', { who: fmt(d.takenBy) }) : t('take_none');
  renderCorrectForm();
  $('work').hidden = d.status !== 'handoff';
  $('work-closed').hidden = d.status === 'handoff';
  $('detail').hidden = false;
  $('detail-h').focus();
}

// The download needs the Authorization header, so it goes through fetch and a blob URL.
async function download(caseId: string, attachmentId: string, filename: string): Promise<void> {
  const res = await fetch(`/desk/api/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}`, { headers: { Authorization: auth() } });
  if (!res.ok) { $('detail-status').textContent = t('attachment_failed'); return; }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Act = 'take' | 'answer' | 'close' | 'handback' | 'correct';


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
    status.textContent = t(`done_${type}`);
    await loadCases();
  } catch (e) {
    status.textContent = t('error', { message: errorText(e) });
  }
}

async function start(): Promise<void> {
  try {
    const who = await api('/desk/api/me');
    me = String(who.staff);
    const roles = (who.roles as string[]) ?? [];
    $('who').textContent = t('logged_in', { who: me, roles: roles.join(', ') });
    $('login').hidden = true; $('nav').hidden = false;
    $('insight-link').hidden = !roles.includes('analyst') && !roles.includes('admin');
    if (!roles.includes('caseworker') && !roles.includes('admin')) {
      $('who').textContent += t('no_casework');
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
