/**
 * Every command of the CLI. To add one, write `cli/commands/<name>.ts` exporting
 * `register(program)` and list it here; wrap it in `lazyCommand` if its imports are heavy.
 */
import { lazyCommand, type CommandModule } from '../lazy-command';
import * as chat from './chat';
import * as compile from './compile';
import * as explain from './explain';
import * as importCmd from './import';
import * as exportCmd from './export';
import * as purge from './purge';
import * as replay from './replay';
import * as test from './test';
import * as verify from './verify';
import * as serve from './serve';
import * as validate from './validate';

export type { CommandModule };

export const commands: CommandModule[] = [
  validate,
  compile,
  chat,
  serve,
  verify,
  test,
  exportCmd,
  replay,
  explain,
  purge,
  importCmd,
  lazyCommand('translate', 'draft missing translations of a definition with the configured LLM, for review; or merge a reviewed draft', () => require('./translate') as CommandModule),
  lazyCommand('eval', 'the labelled dev and held-out splits through the session path ([--llm <url>] [--json]); eval extraction <file.jsonl> for one file', () => require('./eval') as CommandModule),
  lazyCommand('worker', 'run a Temporal worker that hosts amtsweg sessions', () => require('./worker') as CommandModule),
];
