#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then(
  // A failed command exits at once: a half-started server (or its workers) must not linger.
  (code) => { process.exitCode = code; if (code !== 0) process.exit(code); },
  (err) => { process.stderr.write(`warden: ${err?.message ?? String(err)}\n`); process.exit(1); },
);
