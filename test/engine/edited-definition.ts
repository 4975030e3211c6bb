/**
 * The appointment definition and a designer's text-only edit of it with a bumped version, as the
 * reload and roll-out tests need them: sources (to write into a definitions folder) and loaded services.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadServiceSource } from '../../catalog/load-file';

const file = resolve(__dirname, '..', '..', 'definitions', 'terminvereinbarung.yaml');

/** The definition as shipped. */
export const v1Source = readFileSync(file, 'utf8');
/** A text-only edit with a bumped version. */
export const v2Source = v1Source.replace(/^version: .*$/m, 'version: 2099.1').replace('Wofür brauchen Sie den Termin?', 'Wofür brauchen Sie den Termin denn?');
export const v1 = loadServiceSource(v1Source, file).service!;
export const v2 = loadServiceSource(v2Source, file).service!;
