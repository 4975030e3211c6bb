/* Browser script of the case-worker desk. All text goes through textContent: nothing a citizen
   wrote is ever parsed as HTML. The credential lives in sessionStorage only. */

type Json = Record<string, unknown>;
const KEY = 'amtsweg.desk.auth';
let auth = sessionStorage.getItem(KEY) ?? '';
let current = '';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function el(tag: string, text?: string, cls?: string): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

async function api(path: string, init: RequestInit = {}): Promise<Json> {
  const res = await fetch(path, { ...init, headers: { ...(init.body ? { 'Content-Type': 'application/json' } : {}), Authorization: auth } });
  const body = (await res.json().catch(() => ({}))) as Json;
  if (res.status === 401) { logout(); throw new Error('Anmeldung abgelaufen oder falsch.'); }
  if (!res.ok) throw new Error(String((body.error as Json | undefined)?.message ?? res.statusText));
  return body;
}

function logout(): void {
  auth = '';
  sessionStorage.removeItem(KEY);
  $('login').hidden = false; $('cases').hidden = true; $('detail').hidden = true;
}

function fmt(v: unknown): string {
  if (v === undefined || v === null) return '–';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

async function loadCases(): Promise<void> {
  const { cases } = (await api('/desk/api/cases?status=all')) as { cases: Json[] };
  const rows = $('case-rows');
  rows.replaceChildren();
  for (const k of cases) {
    const tr = el('tr');
    const td = el('td');
    const b = el('button', String(k.id).slice(0, 8), 'link') as HTMLButtonElement;
    b.type = 'button';
    b.setAttribute('aria-label', `Fall ${String(k.id).slice(0, 8)} öffnen`);
    b.addEventListener('click', () => { void openCase(String(k.id)); });
    td.append(b);
    tr.append(td, el('td', fmt(k.service)), el('td', fmt(k.channel)), el('td', fmt(k.status)), el('td', fmt(k.handoffReason)), el('td', fmt(k.takenBy)));
    rows.append(tr);
  }
  if (cases.length === 0) { const tr = el('tr'); const td = el('td', 'Keine Fälle.'); td.setAttribute('colspan', '6'); tr.append(td); rows.append(tr); }
}

function section(title: string, body: HTMLElement): HTMLElement {
  const s = el('section');
  s.append(el('h3', title), body);
  return s;
}

async function openCase(id: string): Promise<void> {
  current = id;
  const d = await api(`/desk/api/cases/${encodeURIComponent(id)}`);
  $('detail-h').textContent = `Fall ${id.slice(0, 8)} – ${fmt(d.service)} (${fmt(d.channel)}, ${fmt(d.status)})`;
  const body = $('detail-body');
  body.replaceChildren();
  const meta = el('dl');
  meta.append(el('dt', 'Grund der Übergabe'), el('dd', fmt(d.handoffReason)), el('dt', 'Bearbeitet von'), el('dd', fmt(d.takenBy)));
  body.append(meta);
  const slots = el('table');
  slots.append(el('caption', 'Erfasste Angaben mit Beleg'));
  const head = el('tr');
  for (const h of ['Angabe', 'Wert', 'Beleg (Wortlaut)', 'Quelle', 'bestätigt']) { const th = el('th', h); th.setAttribute('scope', 'col'); head.append(th); }
  slots.append(head);
  for (const [name, s] of Object.entries((d.slots ?? {}) as Record<string, Json>)) {
    const tr = el('tr');
    tr.append(el('td', name), el('td', fmt(s.value)), el('td', fmt(s.evidence)), el('td', fmt(s.source)), el('td', s.confirmed ? 'ja' : 'nein'));
    slots.append(tr);
  }
  body.append(section('Angaben', slots));
  const list = (items: unknown[], empty: string): HTMLElement => {
    const ul = el('ul');
    for (const i of items) ul.append(el('li', fmt(i)));
    if (items.length === 0) ul.append(el('li', empty));
    return ul;
  };
  body.append(section('Offene Fragen', list((d.openQuestions as unknown[]) ?? [], 'keine')));
  body.append(section('Nicht zugeordnete Aussagen', list((d.unmapped as unknown[]) ?? [], 'keine')));
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
  for (const m of (d.transcript as Json[]) ?? []) log.append(el('li', `${fmt(m.role)}: ${fmt(m.text)}`, `msg-${fmt(m.role)}`));
  body.append(section('Gesprächsverlauf', log));
  $('detail').hidden = false;
  $('detail').focus();
}

// The download needs the Authorization header, so it goes through fetch and a blob URL.
async function download(caseId: string, attachmentId: string, filename: string): Promise<void> {
  const res = await fetch(`/desk/api/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}`, { headers: { Authorization: auth } });
  if (!res.ok) { $('detail-status').textContent = 'Anhang konnte nicht geladen werden.'; return; }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function act(type: 'take' | 'answer' | 'close'): Promise<void> {
  if (!current) return;
  const status = $('detail-status');
  try {
    const text = ($('answer') as HTMLTextAreaElement).value;
    await api(`/desk/api/cases/${encodeURIComponent(current)}/${type}`, { method: 'POST', body: JSON.stringify(type === 'answer' ? { text } : {}) });
    if (type === 'answer') ($('answer') as HTMLTextAreaElement).value = '';
    status.textContent = { take: 'Fall übernommen.', answer: 'Antwort gesendet.', close: 'Fall abgeschlossen.' }[type];
    await openCase(current);
    await loadCases();
  } catch (e) {
    status.textContent = `Fehler: ${(e as Error).message}`;
  }
}

async function start(): Promise<void> {
  try {
    const me = await api('/desk/api/me');
    $('who').textContent = `Angemeldet als ${fmt(me.staff)}`;
    $('login').hidden = true; $('cases').hidden = false;
    await loadCases();
  } catch (e) {
    $('login-error').textContent = (e as Error).message;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const user = ($('user') as HTMLInputElement).value.trim();
    const secret = ($('secret') as HTMLInputElement).value;
    auth = user ? `Basic ${btoa(unescape(encodeURIComponent(`${user}:${secret}`)))}` : `Bearer ${secret}`;
    sessionStorage.setItem(KEY, auth);
    void start();
  });
  $('reload').addEventListener('click', () => { void loadCases(); });
  $('take').addEventListener('click', () => { void act('take'); });
  $('close').addEventListener('click', () => { void act('close'); });
  $('answer-form').addEventListener('submit', (ev) => { ev.preventDefault(); void act('answer'); });
  if (auth) void start();
});
