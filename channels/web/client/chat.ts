/* Browser script of the citizen chat, for the page and the embeddable widget alike. It speaks
   only the public citizen API (same origin, or the origin this script was loaded from); the
   session id and token live in sessionStorage so a reload continues the conversation. Every
   text is inserted with textContent, so markup in any message is shown, never executed. */
import { renderAnswers } from './answers';
import { ApiError, apiClient, type ApiClient, type Role, type View } from './api';
import { fillUi, STRINGS, uiLocale, type UiLocale, type UiStrings } from './i18n';
import { chatMarkup, dirOf, type PublicBranding } from './markup';

interface Stored { id: string; token: string; seen: number }
const KEY = 'amtsweg.chat.session';
const LANG_KEY = 'amtsweg.chat.lang';
const POLL_MS = 3000;

class Chat {
  private locale: UiLocale;
  private session: Stored | null = null;
  private services: { id: string; title: string }[] = [];
  private busy = false;
  private poll: number | undefined;
  private view: View | null = null;
  private readonly api: ApiClient;

  constructor(private readonly root: HTMLElement, private readonly base: string, private readonly page: boolean, private readonly prefix: string) {
    this.api = apiClient(base);
    this.locale = uiLocale(sessionStorage.getItem(LANG_KEY) ?? root.dataset.lang ?? document.documentElement.lang);
    this.session = readStored();
    this.api.setToken(this.session?.token ?? null);
  }

  private t(): UiStrings { return STRINGS[this.locale]; }
  private part<T extends HTMLElement = HTMLElement>(name: string): T {
    return this.root.querySelector(`[data-part="${name}"]`) as T;
  }

  async start(): Promise<void> {
    const rendered = this.root.querySelector('[data-part="log"]') !== null && this.root.dataset.lang === this.locale;
    if (!rendered) await this.render();
    this.bind();
    await this.loadServices();
    if (this.session) await this.sync(true);
  }

  /** Renders the whole UI in the current locale (widget start, language change). */
  private async render(): Promise<void> {
    let b: PublicBranding;
    try { b = (await this.api.branding(this.locale)) as unknown as PublicBranding; } catch {
      b = { name: this.t().chat, links: { impressum: '#', datenschutz: '#', barrierefreiheit: '#', leichte_sprache: '#' } };
    }
    // In a city's page, our own paths must point back to this server.
    const abs = (u: string) => (this.base && u.startsWith('/') ? this.base + u : u);
    if (b.crest) b.crest.url = abs(b.crest.url);
    for (const k of Object.keys(b.links) as (keyof PublicBranding['links'])[]) b.links[k] = abs(b.links[k]);
    this.root.innerHTML = chatMarkup(this.locale, b, { prefix: this.prefix, mode: this.page ? 'page' : 'widget' });
    this.root.dataset.lang = this.locale;
    this.root.lang = this.locale;
    this.root.dir = dirOf(this.locale);
    if (!this.page) { this.root.setAttribute('role', 'region'); this.root.setAttribute('aria-label', `${b.name} – ${this.t().chat}`); }
    if (this.page) {
      document.documentElement.lang = this.locale;
      document.documentElement.dir = dirOf(this.locale);
      document.title = `${b.name} – ${this.t().chat}`;
    }
  }

  private bind(): void {
    this.part('composer').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const input = this.part<HTMLInputElement>('message');
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      void this.send(text).then(() => input.focus());
    });
    this.part('human').addEventListener('click', () => { void this.handoff(); });
    this.part('restart').addEventListener('click', () => { void this.restart(); });
    this.part<HTMLSelectElement>('lang').addEventListener('change', (ev) => {
      void this.switchLocale(uiLocale((ev.target as HTMLSelectElement).value));
    });
  }

  private async switchLocale(l: UiLocale): Promise<void> {
    this.locale = l;
    sessionStorage.setItem(LANG_KEY, l);
    await this.render();
    this.bind();
    if (this.page) history.replaceState(null, '', `?lang=${l}`);
    await this.loadServices();
    if (this.session) await this.sync(true);
    this.part<HTMLSelectElement>('lang').focus();
  }

  private append(role: Role, text: string): void {
    const div = document.createElement('div');
    div.className = `msg aw-msg ${role}`;
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = role === 'citizen' ? this.t().you : role === 'staff' ? this.t().staff : this.t().assistant;
    const body = document.createElement('span');
    body.className = 'aw-text';
    body.textContent = text;
    div.append(who, body);
    this.part('log').append(div);
    div.scrollIntoView({ block: 'nearest' });
  }

  private setStatus(text: string): void { this.part('status').textContent = text; }

  private async loadServices(): Promise<void> {
    try { this.services = await this.api.services(this.locale); } catch { this.services = []; }
    const ul = this.part('services');
    ul.replaceChildren();
    for (const s of this.services) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'aw-secondary';
      b.textContent = s.title;
      b.dataset.service = s.id;
      b.addEventListener('click', () => { void this.startSession(s.id); });
      li.append(b);
      ul.append(li);
    }
    this.part('choose').hidden = this.session !== null;
  }

  /** Shows status, progress, the answer controls and what comes next. */
  private show(v: View | null): void {
    this.view = v;
    const status = v?.status ?? 'active';
    const finished = status === 'completed' || status === 'cancelled';
    const t = this.t();
    this.part('restart').hidden = !finished;
    this.part<HTMLInputElement>('message').disabled = finished;
    this.part<HTMLButtonElement>('send').disabled = finished;
    this.part<HTMLButtonElement>('human').disabled = finished || status === 'handoff';
    const last = v?.transcript.filter((m) => m.role !== 'citizen').pop();
    this.setStatus(status === 'handoff' ? (last?.role === 'staff' ? t.staffAnswered : t.handoffWait)
      : status === 'completed' ? t.done : status === 'cancelled' ? t.cancelled : '');
    const service = this.part('service');
    service.hidden = !v?.title;
    if (v?.title) {
      this.part('service-title').textContent = v.title;
      const p = v.progress;
      const progress = this.part<HTMLProgressElement>('progress');
      if (p && p.total > 0 && status === 'active' && v.question) {
        this.part('progress-text').textContent = fillUi(t.progress, { n: Math.min(p.answered + 1, p.total), total: p.total });
        progress.max = p.total;
        progress.value = p.answered;
        progress.hidden = false;
      } else {
        this.part('progress-text').textContent = '';
        progress.hidden = true;
      }
    }
    renderAnswers(this.part('answers'), status === 'active' ? v?.question : null, t, this.prefix, (text) => { void this.send(text); });
    this.offerLanguages(v);
    if (status === 'handoff') this.startPolling(); else this.stopPolling();
  }

  /** The service lacks the citizen's language: offer German, English (if written) or a person. */
  private offerLanguages(v: View | null): void {
    if (!v || v.status !== 'active' || !v.languages || v.languages.includes(v.locale) || this.session?.seen === undefined) return;
    if (v.transcript.some((m) => m.role === 'citizen')) return;
    const box = this.part('answers');
    for (const [l, text] of [['de', 'Auf Deutsch weiter'], ['en', 'Continue in English']] as const) {
      if (!v.languages.includes(l)) continue;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'aw-choice';
      b.lang = l;
      b.textContent = text;
      b.addEventListener('click', () => { void this.restartIn(l, v.service); });
      box.append(b);
    }
    box.hidden = box.childElementCount === 0;
  }

  private async restartIn(locale: UiLocale, service: string): Promise<void> {
    if (this.session) await this.api.cancel(this.session.id).catch(() => undefined);
    this.session = null;
    this.store();
    this.part('log').replaceChildren();
    await this.startSession(service, undefined, locale);
  }

  private store(): void {
    if (this.session) sessionStorage.setItem(KEY, JSON.stringify(this.session)); else sessionStorage.removeItem(KEY);
    this.api.setToken(this.session?.token ?? null);
  }

  private fail(e: unknown): void { this.setStatus(this.t().error + (e as Error).message); }

  private async startSession(service: string, firstText?: string, locale: UiLocale = this.locale): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.setStatus(this.t().busy);
    try {
      const created = await this.api.create(service, locale);
      this.session = { id: String(created.id), token: String(created.token), seen: 0 };
      this.store();
      this.part('choose').hidden = true;
      this.busy = false;
      await this.sync(false);
      if (firstText) await this.send(firstText);
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy = false;
      this.focusNext();
    }
  }

  /** The next question's first control, or the message field when it asks for free text. */
  private focusNext(): void {
    const first = this.part('answers').hidden ? null : this.part('answers').querySelector<HTMLElement>('button, input');
    (first ?? this.part<HTMLInputElement>('message')).focus();
  }

  /** A first message without a service: the server's router decides, never the browser. */
  private async routeFirst(text: string): Promise<void> {
    this.append('citizen', text);
    let d;
    try { d = await this.api.route(text, this.locale); } catch (e) {
      if (e instanceof ApiError && e.status === 404) { this.append('assistant', this.t().noMatch); return; }
      this.fail(e);
      return;
    }
    if ('service' in d) {
      this.part('log').replaceChildren();
      await this.startSession(d.service, text);
    } else if ('candidates' in d) {
      this.append('assistant', d.question);
      const box = this.part('answers');
      box.replaceChildren();
      for (const c of d.candidates) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'aw-choice';
        b.textContent = c.title;
        b.addEventListener('click', () => { this.part('log').replaceChildren(); void this.startSession(c.id, text); });
        box.append(b);
      }
      box.hidden = d.candidates.length === 0;
      (box.querySelector('button') as HTMLButtonElement | null)?.focus();
    } else if ('handoff' in d) {
      this.append('assistant', d.message);
      await this.handoff();
    } else {
      this.append('assistant', d.message);
    }
  }

  private async send(text: string): Promise<void> {
    if (!this.session) { await this.routeFirst(text); return; }
    if (this.busy) return;
    this.busy = true;
    const typed = document.activeElement === this.part('message');
    this.append('citizen', text);
    this.session.seen += 1;
    this.store();
    this.part('answers').hidden = true;
    this.setStatus(this.t().busy);
    try {
      await this.api.message(this.session.id, text);
      this.busy = false;
      await this.sync(false);
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy = false;
      // A keyboard user who answered with a control lands on the next question's first control.
      if (!typed) this.focusNext();
    }
  }

  private async handoff(): Promise<void> {
    // No conversation yet: open one for the first service so the request reaches the desk at all.
    if (!this.session) {
      if (this.services.length === 0) { this.append('assistant', this.t().noMatch); return; }
      await this.startSession(this.services[0].id);
      if (!this.session) return;
    }
    if (this.busy) return;
    this.busy = true;
    try {
      await this.api.handoff(this.session.id);
      this.busy = false;
      await this.sync(false);
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy = false;
    }
  }

  /** Rebuilds the log from the server's transcript (after a reload) and appends what is new. */
  private async sync(full: boolean): Promise<void> {
    if (!this.session) return;
    try {
      const v = await this.api.view(this.session.id);
      if (full) { this.part('log').replaceChildren(); this.session.seen = 0; }
      for (const m of v.transcript.slice(this.session.seen)) this.append(m.role, m.text);
      this.session.seen = v.transcript.length;
      this.store();
      this.part('choose').hidden = true;
      this.show(v);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 404)) {
        this.session = null; this.store(); this.part('choose').hidden = false; this.show(null);
      }
    }
  }

  private async restart(): Promise<void> {
    this.stopPolling();
    this.session = null;
    this.store();
    this.part('log').replaceChildren();
    this.show(null);
    this.part('service').hidden = true;
    this.part('choose').hidden = false;
    await this.loadServices();
    (this.part('services').querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  private startPolling(): void {
    if (this.poll !== undefined) return;
    this.poll = window.setInterval(() => { if (!this.busy) void this.sync(false); }, POLL_MS);
  }
  private stopPolling(): void {
    if (this.poll !== undefined) window.clearInterval(this.poll);
    this.poll = undefined;
  }
}

function readStored(): Stored | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Stored | null;
    return s && typeof s.id === 'string' && typeof s.token === 'string' ? { ...s, seen: Number(s.seen) || 0 } : null;
  } catch { return null; }
}

/** Where the API lives: the origin this script came from ('' when it is the page's own). */
function apiBase(): string {
  const src = (document.currentScript as HTMLScriptElement | null)?.src;
  if (!src) return '';
  const origin = new URL(src).origin;
  return origin === location.origin ? '' : origin;
}

function addStyles(base: string): void {
  if (base === '' && document.querySelector('link[href="/assets/chat.css"]')) return;
  for (const href of ['/assets/chat.css', '/assets/theme.css']) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = base + href;
    document.head.append(link);
  }
}

const BASE = apiBase();
function boot(): void {
  const roots = Array.from(document.querySelectorAll<HTMLElement>('#amtsweg-chat, [data-amtsweg-chat]'));
  if (roots.length === 0) return;
  addStyles(BASE);
  roots.forEach((root, i) => {
    root.classList.add('aw');
    const page = root.dataset.mode === 'page';
    void new Chat(root, BASE, page, page ? '' : `amtsweg${i}-`).start();
  });
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot); else boot();
