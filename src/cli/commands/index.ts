import type { Command } from '../command.js';
import { compareCommand } from './compare.js';
import { evalCommand } from './eval.js';
import { keysCommand } from './keys.js';
import { monitorCommand } from './monitor.js';
import { retrainCommand } from './retrain.js';
import { rolloutCommand } from './rollout.js';
import { simulateCommand } from './simulate.js';
import { modelsCommand } from './models.js';
import { scoreCommand } from './score.js';
import { serveCommand } from './serve.js';
import { tagCommand } from './tag.js';
import { trainCommand } from './train.js';
import { triageCommand } from './triage.js';

/** Every verb, in the order `warden --help` lists them. */
export const COMMANDS: readonly Command[] = [trainCommand, evalCommand, scoreCommand, compareCommand, modelsCommand, rolloutCommand, tagCommand, triageCommand, serveCommand, keysCommand, monitorCommand, retrainCommand, simulateCommand];
