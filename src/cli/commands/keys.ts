import { join } from 'node:path';
import { ROLES, type Role } from '../../config/config.js';
import { createKey, readKeysFile } from '../../serving/auth/api-keys.js';
import { parse, printJson, UsageError, type Command } from '../command.js';
import { dataDir } from '../context.js';

export const keysCommand: Command = {
  name: 'keys',
  summary: 'create and list API keys (stored hashed)',
  usage: `
Usage: warden keys create --role scorer|analyst|admin --id NAME [--file FILE] [--json]
       warden keys list [--file FILE] [--json]

The key is printed once; only its sha256 is stored, in FILE (default
$WARDEN_API_KEYS_FILE or <data-dir>/api-keys.json). Serve with WARDEN_API_KEYS_FILE=FILE.
`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      role: { type: 'string' },
      id: { type: 'string' },
      file: { type: 'string' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
    });
    const file = values.file ?? io.env.WARDEN_API_KEYS_FILE ?? join(dataDir(io, values['data-dir']), 'api-keys.json');
    switch (positionals[0]) {
      case 'create': {
        const role = values.role as Role;
        if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        if (!values.id || !/^[\w.@-]{1,64}$/.test(values.id)) throw new UsageError('--id NAME is required (letters, digits, . _ - @; up to 64)');
        const key = createKey(file, values.id, role);
        if (values.json) printJson(io, { id: values.id, role, key, file });
        else io.stdout.write(`${key}\n(id ${values.id}, role ${role}; stored hashed in ${file}; this is the only time the key is shown)\n`);
        return 0;
      }
      case 'list': {
        const records = readKeysFile(file).map(({ id, role, createdAt }) => ({ id, role, createdAt: createdAt ?? null }));
        if (values.json) printJson(io, records);
        else for (const r of records) io.stdout.write(`${r.id.padEnd(20)} ${r.role.padEnd(8)} ${r.createdAt ?? ''}\n`);
        return 0;
      }
      default:
        throw new UsageError('keys needs a subcommand: create or list');
    }
  },
};
