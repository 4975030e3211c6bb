/* Browser script of the citizen chat. It speaks only the public citizen API; the session id and
   capability token live in sessionStorage so a reload continues the conversation. Every text is
   inserted with textContent, so markup in any message is shown, never executed. */
import { STRINGS, type UiLocale, type UiStrings } from './i18n';

type Role = 'citizen' | 'assistant' | 'staff';
interface Stored { id: string; token: string; seen: number }
interface ServiceInfo { id: string; title: string }
type Json = Record<string, unknown>;

const KEY = 'amtsweg.chat.session';
const LANG_KEY = 'amtsweg.chat.lang';
const POLL_MS = 3000;

let locale: UiLocale = (sessionStorage.getItem(LANG_KEY) as UiLocale | null) ?? (document.documentElement.lang === 'en' ? 'en' : 'de');
let session: Stored | null = readStored();
let services: ServiceInfo[] = [];
let busy = false;
let pollTimer: number | undefined;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const t = (): UiStrings => STRINGS[locale];

function readStored(): Stored | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Stored | null;
    return s && typeof s.id === 'string' && typeof s.token === 'string' ? { ...s, seen: Number(s.seen) || 0 } : null;
  } catch { return null; }
}
function store(): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session)); else sessionStorage.removeItem(KEY);
}

async function call(method: string, path: string, body?: Json): Promise<Json> {
  const headers: Record<string, string> = {};
  if (body) headers['Content-Type'] = 'application/json';
  if (session) headers.Authorization = `Bearer ${session.token}`;
  const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const data = (await res.json().catch(() => ({}))) as Json;
  if (!res.ok) {
    const err = new Error(String((data.error as Json | undefined)?.message ?? res.statusText)) as Error & { status?: number };
    err.status = res.status;
    throw err;
  }
  return data;
}

function append(role: Role, text: string): void {
  const li = document.createElement('div');
  li.className = `msg ${role}`;
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = role === 'citizen' ? t().you : role === 'staff' ? t().staff : t().assistant;
  const body = document.createElement('span');
  body.textContent = text;
  li.append(who, body);
  $('log').append(li);
  li.scrollIntoView({ block: 'nearest' });
}

function setStatus(text: string): void { $('status').textContent = text; }

function applyLocale(): void {
  document.documentElement.lang = locale;
  for (const node of Array.from(document.querySelectorAll<HTMLElement>('[data-i18n]'))) {
    const k = node.dataset.i18n as keyof UiStrings;
    if (t()[k]) node.textContent = t()[k];
  }
  const lang = $('lang');
  lang.setAttribute('aria-label', t().langSwitchLabel);
  lang.setAttribute('lang', locale === 'de' ? 'en' : 'de');
  document.title = t().title;
  void loadServices();
}

async function loadServices(): Promise<void> {
  try {
    services = (await fetch(`/api/services?locale=${locale}`).then((r) => r.json())) as ServiceInfo[];
  } catch { services = []; }
  const ul = $('services');
  ul.replaceChildren();
  for (const s of services) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.textContent = s.title;
    b.dataset.service = s.id;
    b.addEventListener('click', () => { void startSession(s.id); });
    li.append(b);
    ul.append(li);
  }
  $('choose').hidden = session !== null;
}

function showStatusOf(status: string): void {
  const finished = status === 'completed' || status === 'cancelled';
  $('restart').hidden = !finished;
  ($('message') as HTMLInputElement).disabled = finished;
  ($('send') as HTMLButtonElement).disabled = finished;
  ($('human') as HTMLButtonElement).disabled = finished || status === 'handoff';
  setStatus(status === 'handoff' ? t().handoffWait : finished ? t().done : '');
  if (status === 'handoff') startPolling(); else stopPolling();
}

function render(result: Json, countsSeen = true): void {
  const messages = (result.messages as { role: Role; text: string }[] | undefined) ?? [];
  for (const m of messages) append(m.role, m.text);
  if (session && countsSeen) { session.seen += messages.length; store(); }
  showStatusOf(String(result.status ?? 'active'));
}

async function startSession(service: string, firstText?: string): Promise<void> {
  if (busy) return;
  busy = true;
  setStatus(t().busy);
  try {
    const created = await call('POST', '/api/sessions', { service, locale, channel: 'web' });
    session = { id: String(created.id), token: String(created.token), seen: 0 };
    store();
    $('choose').hidden = true;
    render(created, true);
    busy = false;
    if (firstText) await send(firstText);
  } catch (e) {
    setStatus(t().error + (e as Error).message);
  } finally {
    busy = false;
    ($('message') as HTMLInputElement).focus();
  }
}

// Free text before any service was chosen: the service whose title shares the most words wins;
// a tie is never guessed, the citizen picks.
function matchService(text: string): ServiceInfo | undefined {
  const split = (x: string) => x.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 3);
  const words = split(text);
  const scored = services.map((s) => {
    const titleWords = split(`${s.title} ${s.id}`);
    const score = words.filter((w) => titleWords.some((tw) => tw.includes(w) || w.includes(tw))).length;
    return { s, score };
  }).sort((a, b) => b.score - a.score);
  if (scored.length === 0 || scored[0].score === 0) return undefined;
  if (scored.length > 1 && scored[1].score === scored[0].score) return undefined;
  return scored[0].s;
}

async function send(text: string): Promise<void> {
  if (!session) {
    const s = matchService(text);
    if (!s) { append('citizen', text); append('assistant', t().noMatch); return; }
    await startSession(s.id, text);
    return;
  }
  if (busy) return;
  busy = true;
  append('citizen', text);
  session.seen += 1;
  store();
  setStatus(t().busy);
  try {
    render(await call('POST', `/api/sessions/${encodeURIComponent(session.id)}/messages`, { text }));
  } catch (e) {
    setStatus(t().error + (e as Error).message);
  } finally {
    busy = false;
  }
}

async function handoff(): Promise<void> {
  // No conversation yet: open one for the first service so the request reaches the desk at all.
  if (!session) {
    if (services.length === 0) { append('assistant', t().noMatch); return; }
    await startSession(services[0].id);
    if (!session) return;
  }
  if (busy) return;
  busy = true;
  try {
    render(await call('POST', `/api/sessions/${encodeURIComponent(session.id)}/handoff`, {}));
  } catch (e) {
    setStatus(t().error + (e as Error).message);
  } finally {
    busy = false;
  }
}

/** Rebuilds the log from the server's transcript (after a reload) and appends what is new. */
async function sync(full: boolean): Promise<void> {
  if (!session) return;
  try {
    const view = await call('GET', `/api/sessions/${encodeURIComponent(session.id)}`);
    const transcript = (view.transcript as { role: Role; text: string }[] | undefined) ?? [];
    if (full) { $('log').replaceChildren(); session.seen = 0; }
    for (const m of transcript.slice(session.seen)) append(m.role, m.text);
    session.seen = transcript.length;
    store();
    $('choose').hidden = true;
    showStatusOf(String(view.status ?? 'active'));
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 401 || status === 404) { session = null; store(); $('choose').hidden = false; }
  }
}

function startPolling(): void {
  if (pollTimer !== undefined) return;
  pollTimer = window.setInterval(() => { if (!busy) void sync(false); }, POLL_MS);
}
function stopPolling(): void {
  if (pollTimer !== undefined) window.clearInterval(pollTimer);
  pollTimer = undefined;
}

document.addEventListener('DOMContentLoaded', () => {
  $('composer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = $('message') as HTMLInputElement;
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    void send(text).then(() => input.focus());
  });
  $('human').addEventListener('click', () => { void handoff(); });
  $('lang').addEventListener('click', () => {
    locale = locale === 'de' ? 'en' : 'de';
    sessionStorage.setItem(LANG_KEY, locale);
    applyLocale();
  });
  $('restart').addEventListener('click', () => {
    stopPolling();
    session = null; store();
    $('log').replaceChildren();
    showStatusOf('active');
    $('choose').hidden = false;
    void loadServices().then(() => ($('services').querySelector('button') as HTMLButtonElement | null)?.focus());
  });
  applyLocale();
  if (session) void sync(true);
});
