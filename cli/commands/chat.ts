/**
 * `amtsweg chat <service>`: a conversation in the terminal. Interactive with a prompt in a TTY;
 * scripted when stdin is a pipe (one line = one citizen message), e.g. for demos and tests.
 */
import readline from 'node:readline';
import type { Command } from 'commander';
import { didYouMean } from '../../core/definition';
import type { Locale } from '../../core/definition/schema';
import type { Engine, TurnResult } from '../../host/types';
import { loadServicesFrom } from '../catalog';
import { openEngine } from '../engine';
import { CliError } from '../errors';
import { parseEngineKind, parseLocale, parseToday, type EngineKind } from '../options';
import { addTemporalFlags, temporalFlagsOf, type TemporalFlagValues } from '../temporal-flags';

export interface ChatOptions {
  service: string;
  definitions: string;
  data: string;
  today?: string;
  locale: Locale;
  engine: EngineKind;
  temporal?: TemporalFlagValues;
}

export interface ChatIo {
  input: NodeJS.ReadableStream;
  out: (line: string) => void;
  err: (line: string) => void;
  interactive: boolean;
}

const PREFIX = { assistant: 'assistant: ', staff: 'staff: ' } as const;

function printTurn(turn: Pick<TurnResult, 'messages'>, io: ChatIo): void {
  for (const m of turn.messages) {
    const prefix = PREFIX[m.role] ?? `${m.role}: `;
    const [first, ...rest] = m.text.split('\n');
    io.out(prefix + first);
    for (const line of rest) io.out(' '.repeat(prefix.length) + line);
  }
}

function printEnd(turn: TurnResult, io: ChatIo): void {
  const outcome = turn.outcome ? ` (outcome: ${turn.outcome.id}, ${turn.outcome.kind})` : '';
  io.out(`-- session ${turn.status}${outcome}`);
}

/** An engine refusal (busy, too long, closed) is shown and the chat goes on; anything else ends it. */
function refusal(err: unknown): string | undefined {
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  const key = `${String(e?.code ?? '')} ${String(e?.name ?? '')}`.toLowerCase();
  if (/busy|toolarge|too_large|closed|finished/.test(key) && typeof e.message === 'string') return e.message;
  return undefined;
}

async function converse(engine: Engine, first: TurnResult, io: ChatIo): Promise<void> {
  printTurn(first, io);
  let last: TurnResult = first;
  if (last.status !== 'active') return printEnd(last, io);
  const rl = readline.createInterface({
    input: io.input,
    output: io.interactive ? process.stdout : undefined,
    terminal: io.interactive,
  });
  rl.on('SIGINT', () => rl.close());
  if (io.interactive) {
    rl.setPrompt('> ');
    rl.prompt();
  }
  try {
    for await (const raw of rl) {
      const text = raw.trim();
      if (text.length > 0) {
        if (!io.interactive) io.out(`you: ${text}`);
        try {
          last = await engine.sendMessage(first.id, text);
          printTurn(last, io);
        } catch (err) {
          const why = refusal(err);
          if (!why) throw err;
          io.err(`amtsweg: ${why}`);
        }
        if (last.status !== 'active') break;
      }
      if (io.interactive) rl.prompt();
    }
  } finally {
    rl.close();
  }
  if (last.status !== 'active') printEnd(last, io);
  else io.err(`-- input ended; the session stays open (id ${first.id}).`);
}

/** Runs a chat; resolves with the exit code. */
export async function runChat(opts: ChatOptions, io: ChatIo): Promise<number> {
  const { services, errors } = loadServicesFrom(opts.definitions);
  const service = services.find((s) => s.id === opts.service);
  if (!service) {
    const title = (t: unknown) => (typeof t === 'string' ? t : (t as { de?: string })?.de ?? '');
    const list = services.map((s) => `  ${s.id.padEnd(34)} ${title(s.definition.title)}`).join('\n') || '  (none)';
    const guess = didYouMean(opts.service, services.map((s) => s.id));
    const refused = errors.length > 0 ? `\n${errors.length} problem(s) in ${opts.definitions}; see "amtsweg validate ${opts.definitions}".` : '';
    throw new CliError(`Unknown service "${opts.service}"${guess ? ` (did you mean "${guess}"?)` : ''}. Services in ${opts.definitions}:\n${list}${refused}`);
  }
  if (errors.length > 0) io.err(`-- note: ${errors.length} problem(s) in other definitions of ${opts.definitions}; see "amtsweg validate ${opts.definitions}".`);
  const engine = await openEngine({ kind: opts.engine, dataDir: opts.data, services: [service], today: opts.today, temporal: opts.temporal });
  try {
    const created = await engine.createSession({ service: service.id, locale: opts.locale, channel: 'cli' });
    io.err(`-- session ${created.id} (${service.id} ${service.version}, data in ${opts.data})`);
    await converse(engine, created, io);
  } finally {
    await engine.close();
  }
  return 0;
}

/** Registers the command. */
export function register(program: Command): void {
  const cmd = program
    .command('chat')
    .description('talk to a service in the terminal (scripted when stdin is not a terminal)')
    .argument('<service>', 'service id, e.g. terminvereinbarung')
    .option('--definitions <dir>', 'folder of the definitions', './definitions')
    .option('--data <dir>', 'data folder (sessions persist here)', './data')
    .option('--today <date>', 'reference date YYYY-MM-DD (default: AMTSWEG_TODAY or today)')
    .option('--locale <locale>', 'language of the conversation', 'de')
    .option('--engine <engine>', 'embedded (SQLite) or temporal', 'embedded');
  addTemporalFlags(cmd)
    .addHelpText('after', '\nExamples:\n  $ amtsweg chat terminvereinbarung\n  $ printf "Personalausweis\\nBuer\\n" | amtsweg chat terminvereinbarung --today 2026-12-01\n')
    .action(async (serviceId: string, o: { definitions: string; data: string; today?: string; locale: string; engine: string } & TemporalFlagValues) => {
      const opts: ChatOptions = {
        service: serviceId,
        definitions: o.definitions,
        data: o.data,
        today: o.today !== undefined ? parseToday(o.today, '--today') : parseToday(process.env.AMTSWEG_TODAY, 'AMTSWEG_TODAY'),
        locale: parseLocale(o.locale, '--locale') ?? 'de',
        engine: parseEngineKind(o.engine),
        temporal: temporalFlagsOf(o),
      };
      // The terminal is the conversation: engine info lines would drown it (AMTSWEG_LOG_LEVEL=info brings them back).
      process.env.AMTSWEG_LOG_LEVEL ??= 'warn';
      const interactive = Boolean(process.stdin.isTTY);
      process.exitCode = await runChat(opts, {
        input: process.stdin,
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
        interactive,
      });
    });
}
