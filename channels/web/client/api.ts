/* The citizen API as the browser sees it: JSON over fetch, errors with their HTTP status. */

export type Json = Record<string, unknown>;
export type Role = 'citizen' | 'assistant' | 'staff';

export interface QuestionOption { id: string; label: string; answer: string }
export interface Question {
  kind: 'slot' | 'confirm' | 'choose' | 'correction';
  slot?: string; type?: string; label?: string;
  options?: QuestionOption[]; many?: boolean; skip?: string;
}
export interface View {
  id: string; service: string; status: string; locale: string;
  transcript: { role: Role; text: string }[];
  title?: string; question?: Question | null; progress?: { answered: number; total: number };
  languages?: string[]; outcome?: { text?: string };
}
/** The router's answer (POST /api/route). */
export type RouteDecision =
  | { service: string }
  | { candidates: { id: string; title: string }[]; question: string }
  | { none: true; reason?: string; message: string }
  | { handoff: true; message: string };

export class ApiError extends Error {
  constructor(message: string, readonly status: number) { super(message); }
}

/** A small client bound to an API origin ('' = same origin) and, once known, a session token. */
export function apiClient(base: string) {
  let token: string | null = null;
  async function call(method: string, path: string, body?: Json): Promise<Json> {
    const headers: Record<string, string> = {};
    if (body) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined, credentials: 'omit' });
    const data = (await res.json().catch(() => ({}))) as Json;
    if (!res.ok) throw new ApiError(String((data.error as Json | undefined)?.message ?? res.statusText), res.status);
    return data;
  }
  return {
    setToken(t: string | null) { token = t; },
    services: (locale: string) => call('GET', `/api/services?locale=${encodeURIComponent(locale)}`) as unknown as Promise<{ id: string; title: string }[]>,
    branding: (locale: string) => call('GET', `/api/branding?locale=${encodeURIComponent(locale)}`),
    route: (text: string, locale: string) => call('POST', '/api/route', { text, locale }) as Promise<RouteDecision>,
    create: (service: string, locale: string) => call('POST', '/api/sessions', { service, locale, channel: 'web' }),
    message: (id: string, text: string) => call('POST', `/api/sessions/${encodeURIComponent(id)}/messages`, { text }),
    handoff: (id: string) => call('POST', `/api/sessions/${encodeURIComponent(id)}/handoff`, {}),
    cancel: (id: string) => call('POST', `/api/sessions/${encodeURIComponent(id)}/cancel`, {}),
    view: (id: string) => call('GET', `/api/sessions/${encodeURIComponent(id)}`) as unknown as Promise<View>,
  };
}
export type ApiClient = ReturnType<typeof apiClient>;
