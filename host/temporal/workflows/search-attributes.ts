/**
 * The search attributes of a session workflow, shared by the client (start), the workflow
 * (upserts as the session moves) and the operator's setup (`temporal operator search-attribute
 * create`). Codes and ids only: service id, definition version, status, handoff reason, taken by.
 */
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { SessionSnapshot } from '../../../core/session/types';

export const SEARCH_ATTRIBUTE = {
  service: defineSearchAttributeKey('AmtswegService', SearchAttributeType.KEYWORD),
  version: defineSearchAttributeKey('AmtswegVersion', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('AmtswegStatus', SearchAttributeType.KEYWORD),
  handoffReason: defineSearchAttributeKey('AmtswegHandoffReason', SearchAttributeType.KEYWORD),
  takenBy: defineSearchAttributeKey('AmtswegTakenBy', SearchAttributeType.KEYWORD),
} as const;

/** Every attribute name with its type, for registration. */
export const SEARCH_ATTRIBUTE_NAMES: string[] = Object.values(SEARCH_ATTRIBUTE).map((k) => k.name);

/** Patch id of the upserts (histories recorded before them replay without). */
export const SEARCH_ATTRIBUTES_PATCH = 'amtsweg-search-attributes-v1';

/** What the workflow publishes of a snapshot: status, handoff reason and who took the case (null removes). */
export function sessionSearchAttributes(snapshot: SessionSnapshot): SearchAttributeUpdatePair[] {
  const h = snapshot.handoff;
  return [
    { key: SEARCH_ATTRIBUTE.status, value: snapshot.status },
    { key: SEARCH_ATTRIBUTE.handoffReason, value: h?.reason ?? null },
    { key: SEARCH_ATTRIBUTE.takenBy, value: snapshot.status === 'handoff' ? h?.takenBy ?? null : null },
  ];
}
