import type { Command } from '../command.js';

/** A verb and how to load it. */
export interface CommandEntry {
  name: string;
  load(): Promise<Command>;
}

/**
 * Every verb, in the order `warden --help` lists them. Each command module is imported only
 * when its verb runs: importing them all costs ~1 s of CPU at start-up (the server, the
 * database drivers, the training code), which a one-shot `warden score` should not pay.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'train', load: async () => (await import('./train.js')).trainCommand },
  { name: 'eval', load: async () => (await import('./eval.js')).evalCommand },
  { name: 'score', load: async () => (await import('./score.js')).scoreCommand },
  { name: 'compare', load: async () => (await import('./compare.js')).compareCommand },
  { name: 'models', load: async () => (await import('./models.js')).modelsCommand },
  { name: 'rollout', load: async () => (await import('./rollout.js')).rolloutCommand },
  { name: 'tag', load: async () => (await import('./tag.js')).tagCommand },
  { name: 'triage', load: async () => (await import('./triage.js')).triageCommand },
  { name: 'serve', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'keys', load: async () => (await import('./keys.js')).keysCommand },
  { name: 'monitor', load: async () => (await import('./monitor.js')).monitorCommand },
  { name: 'retrain', load: async () => (await import('./retrain.js')).retrainCommand },
  { name: 'simulate', load: async () => (await import('./simulate.js')).simulateCommand },
];

/** Loads every command (for the overview, which lists their summaries). */
export function loadAllCommands(): Promise<Command[]> {
  return Promise.all(COMMANDS.map((c) => c.load()));
}
