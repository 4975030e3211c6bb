/* Shared browser helpers of the desk pages (cases and insight): login credential, API calls,
   formatting, and the desk's texts in the language of the page (<html lang>, chosen with ?lang=). */
import { deskLocale, deskTranslator } from '../i18n';

export type Json = Record<string, unknown>;

/** The page's language, as the server rendered it. */
export const lang = deskLocale(document.documentElement.lang);
/** A desk text in the page's language. */
export const t = deskTranslator(lang);
/** An API path with the page's language, so reason sentences, titles and labels match the page. */
export const withLang = (path: string): string => (lang === 'de' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
const DATE_LOCALE: Record<string, string> = { de: 'de-DE', en: 'en-GB', tr: 'tr-TR', ar: 'ar-SY', uk: 'uk-UA', ru: 'ru-RU', pl: 'pl-PL' };
const KEY = 'amtsweg.desk.auth';

export const auth = (): string => sessionStorage.getItem(KEY) ?? '';

export function setAuth(user: string, secret: string): void {
  sessionStorage.setItem(KEY, user ? `Basic ${btoa(unescape(encodeURIComponent(`${user}:${secret}`)))}` : `Bearer ${secret}`);
}

export function clearAuth(): void { sessionStorage.removeItem(KEY); }

/** Wires the shared login form (page-shell.ts): keeps the credential, then starts the page. */
export function onLogin(start: () => Promise<void>): void {
  const input = (id: string) => document.getElementById(id) as HTMLInputElement;
  (document.getElementById('login-form') as HTMLFormElement).addEventListener('submit', (ev) => {
    ev.preventDefault();
    setAuth(input('user').value.trim(), input('secret').value);
    void start();
  });
}

/** An API error with the server's code, so the page can explain it in the page's language. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) { super(message); }
}

export async function api(path: string, init: RequestInit = {}): Promise<Json> {
  const res = await fetch(path, { ...init, headers: { ...(init.body ? { 'Content-Type': 'application/json' } : {}), Authorization: auth() } });
  const body = (await res.json().catch(() => ({}))) as Json;
  const error = body.error as Json | undefined;
  if (res.status === 401) { clearAuth(); throw new ApiError('unauthorized', t('login_expired'), 401); }
  if (!res.ok) throw new ApiError(String(error?.code ?? 'error'), String(error?.message ?? res.statusText), res.status);
  return body;
}

export function el(tag: string, text?: string, cls?: string): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** "03.12.2026, 10:15" in Berlin time, in the page's language (Latin digits, as on the chat page). */
export function fmtDate(iso: unknown): string {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return '–';
  return new Date(iso).toLocaleString(DATE_LOCALE[lang] ?? 'de-DE', { numberingSystem: 'latn', timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "3 Min.", "2 Std. 5 Min.", "4 Tage 1 Std." (in the page's language). */
export function fmtWait(seconds: number): string {
  const m = Math.floor(seconds / 60);
  if (m < 1) return t('wait_lt1');
  if (m < 60) return t('wait_m', { m });
  const h = Math.floor(m / 60);
  if (h < 24) return t('wait_hm', { h, m: m % 60 });
  return t('wait_dh', { d: Math.floor(h / 24), h: h % 24 });
}
