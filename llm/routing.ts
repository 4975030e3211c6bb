/**
 * Service routing from a citizen's first message: keywords of the definitions first (pure, in
 * core/llm/routing.ts), the LLM second, choosing only among catalogue ids, and a clarifying
 * question when neither is sure. The model can never invent a service: its answer is checked
 * against the catalogue and anything else counts as "unsure".
 */
import { z } from 'zod';
import { clarify, routableService, routeMessage, type RoutableService, type RouteDecision, type RoutingCatalogue } from '../core/llm/routing';
import type { CompiledService } from '../core/session/types';
import type { LlmClient } from './client';
import { loadPrompt, PROMPT_NAMES } from './prompts';
import { pseudonymise } from './pseudonymise';

export type { RouteDecision };

export interface ServiceRouter {
  route(text: string, locale?: string): Promise<RouteDecision>;
}

const MAX_ROUTE_TEXT = 2000;

async function askModel(client: LlmClient, pool: RoutableService[], text: string): Promise<string | null> {
  const prompt = loadPrompt(PROMPT_NAMES.route);
  const ids = pool.map((s) => s.id);
  const schema = z.toJSONSchema(z.object({ service: z.enum(['none', ...ids] as [string, ...string[]]) }).strict()) as Record<string, unknown>;
  delete schema.$schema;
  const message = client.config.external ? pseudonymise(text).text : text;
  const catalogue = pool.map((s) => ({ id: s.id, title: s.title }));
  try {
    const reply = await client.completeJson({
      system: prompt.text, user: `CATALOGUE: ${JSON.stringify(catalogue)}\nMESSAGE:\n${message}`, schema, schemaName: 'service_choice',
    });
    const chosen = (reply.json as { service?: unknown } | null)?.service;
    return typeof chosen === 'string' && ids.includes(chosen) ? chosen : null;
  } catch {
    return null;
  }
}

const EMPTY: RoutingCatalogue = { aliases: {}, referrals: {}, offTopic: [] };

/**
 * The one router of every channel (web landing page, e-mail, phone, API) over the services and
 * the routing catalogue (catalog.yaml); without a client it routes deterministically alone.
 * The model is asked only when the words leave a choice between services open.
 */
export function createServiceRouter(services: CompiledService[], client?: LlmClient | null, catalogue: RoutingCatalogue = EMPTY): ServiceRouter {
  return {
    async route(text, locale = 'de') {
      const clean = typeof text === 'string' ? text.slice(0, MAX_ROUTE_TEXT) : '';
      const routable = services.map((s) => routableService(s.definition, locale));
      const byKeywords = routeMessage(routable, catalogue, clean, locale);
      if ('none' in byKeywords && byKeywords.unmatched) {
        // No catalogue word matched: the model may still recognise a service ("was von der
        // Polizei über mich" is the Führungszeugnis); otherwise the honest refusal stands.
        const { unmatched: _unmatched, ...refusal } = byKeywords;
        const chosen = client && clean.trim().length > 0 ? await askModel(client, routable, clean) : null;
        return chosen ? { service: chosen, by: 'llm' } : refusal;
      }
      if (!('candidates' in byKeywords) || !client || clean.trim().length === 0) return byKeywords;
      // On a tie the model only chooses among the tied services; with no match, among all.
      const pool = routable.filter((s) => byKeywords.candidates.some((c) => c.id === s.id));
      const chosen = await askModel(client, pool.length > 0 ? pool : routable, clean);
      return chosen ? { service: chosen, by: 'llm' } : clarify(pool.length > 0 ? pool : routable, locale);
    },
  };
}
