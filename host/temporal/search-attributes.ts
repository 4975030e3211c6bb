/**
 * Registering and checking amtsweg's search attributes in a namespace. The dev server gets them
 * at start (`--search-attribute`); an operator registers them once per namespace with the recipe
 * below. Without them sessions still run; they only cannot be found by visibility queries.
 */
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE, SEARCH_ATTRIBUTE_NAMES } from './workflows/search-attributes';

export { SEARCH_ATTRIBUTE, SEARCH_ATTRIBUTE_NAMES };

const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

/** The operator's one-time command for a namespace. */
export function searchAttributeRecipe(namespace: string): string {
  return `temporal operator search-attribute create --namespace ${namespace} ${SEARCH_ATTRIBUTE_NAMES.map((n) => `--name ${n} --type Keyword`).join(' ')}`;
}

/** Which of amtsweg's attributes the namespace lacks ([] = all registered). */
export async function missingSearchAttributes(connection: Connection, namespace: string, timeoutMs = 3000): Promise<string[]> {
  const res = await connection.withDeadline(Date.now() + timeoutMs, () => connection.operatorService.listSearchAttributes({ namespace }));
  const have = res.customAttributes ?? {};
  return SEARCH_ATTRIBUTE_NAMES.filter((n) => have[n] !== KEYWORD);
}

/** Registers the missing ones (tests, dev setups; needs operator rights on a real cluster). */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const missing = await missingSearchAttributes(connection, namespace);
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing.map((n) => [n, KEYWORD])) });
  return missing;
}

/** The start attributes of a session: its service and definition version. */
export function startSearchAttributes(service: string, version: string): { key: (typeof SEARCH_ATTRIBUTE)['service']; value: string }[] {
  return [{ key: SEARCH_ATTRIBUTE.service, value: service }, { key: SEARCH_ATTRIBUTE.version, value: version }];
}
