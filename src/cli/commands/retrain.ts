import { UsageError, type Command } from '../command.js';

export const retrainCommand: Command = {
  name: 'retrain',
  summary: '(being built)',
  usage: 'Usage: warden retrain (being built)',
  async run() {
    throw new UsageError('warden retrain is not available yet');
  },
};
