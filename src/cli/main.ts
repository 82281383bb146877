import { isWardenError } from '../errors.js';
import { UsageError, wantsHelp, type Command, type Io } from './command.js';
import { COMMANDS, loadAllCommands } from './commands/index.js';

async function overview(): Promise<string> {
  const commands = await loadAllCommands();
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'warden: message threat detection and triage',
    '',
    'Usage: warden <command> [options]   (warden <command> --help for details)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

/** Runs one CLI invocation; returns the exit code (0 ok, 1 failure, 2 usage error). */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout.write(await overview());
    return verb ? 0 : 2;
  }
  if (verb === '--version') {
    const { codeVersion } = await import('../config/package-info.js');
    io.stdout.write(`${codeVersion()}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === verb);
  if (!entry) {
    io.stderr.write(`warden: unknown command '${verb}' (see warden --help)\n`);
    return 2;
  }
  const command: Command = await entry.load();
  if (wantsHelp(rest)) {
    io.stdout.write(`${command.usage.trim()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`warden ${verb}: ${err.message}\n`);
      return 2;
    }
    const message = isWardenError(err) ? `${err.message} [${err.code}]` : (err as Error)?.message ?? String(err);
    io.stderr.write(`warden ${verb}: ${message.split('\n')[0]}\n`);
    if (io.env.WARDEN_DEBUG) io.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    return 1;
  }
}
