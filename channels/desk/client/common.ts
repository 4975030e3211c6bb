/* Shared browser helpers of the desk pages (cases and insight): login credential, API calls, formatting. */
export type Json = Record<string, unknown>;
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

/** An API error with the server's code, so the page can explain it in German. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) { super(message); }
}

export async function api(path: string, init: RequestInit = {}): Promise<Json> {
  const res = await fetch(path, { ...init, headers: { ...(init.body ? { 'Content-Type': 'application/json' } : {}), Authorization: auth() } });
  const body = (await res.json().catch(() => ({}))) as Json;
  const error = body.error as Json | undefined;
  if (res.status === 401) { clearAuth(); throw new ApiError('unauthorized', 'Anmeldung abgelaufen oder falsch.', 401); }
  if (!res.ok) throw new ApiError(String(error?.code ?? 'error'), String(error?.message ?? res.statusText), res.status);
  return body;
}

export function el(tag: string, text?: string, cls?: string): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** "03.12.2026, 10:15" in Berlin time. */
export function fmtDate(iso: unknown): string {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return '–';
  return new Date(iso).toLocaleString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "3 Min.", "2 Std. 5 Min.", "4 Tage 1 Std." */
export function fmtWait(seconds: number): string {
  const m = Math.floor(seconds / 60);
  if (m < 1) return 'unter 1 Min.';
  if (m < 60) return `${m} Min.`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} Std. ${m % 60} Min.`;
  const d = Math.floor(h / 24);
  return `${d} ${d === 1 ? 'Tag' : 'Tage'} ${h % 24} Std.`;
}
