import { UsageError, type Command } from '../command.js';

export const monitorCommand: Command = {
  name: 'monitor',
  summary: '(being built)',
  usage: 'Usage: warden monitor (being built)',
  async run() {
    throw new UsageError('warden monitor is not available yet');
  },
};
