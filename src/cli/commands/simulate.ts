import { UsageError, type Command } from '../command.js';

export const simulateCommand: Command = {
  name: 'simulate',
  summary: '(being built)',
  usage: 'Usage: warden simulate (being built)',
  async run() {
    throw new UsageError('warden simulate is not available yet');
  },
};
