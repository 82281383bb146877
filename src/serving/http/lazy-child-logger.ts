import type { FastifyBaseLogger } from 'fastify';
import type { FastifyChildLoggerFactory } from 'fastify/types/logger.js';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;
type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Fastify gives every request a child logger bound to its request id, and pino builds a child
 * at once: it serialises the bindings and sets up a new logger object (~1 µs a request,
 * docs/benchmarks.md, stop 15). Most requests log nothing (request
 * logging is off; errors and 4xx answers are logged by the error handler), so this factory
 * hands Fastify a stand-in that builds the real child the first time a line is written at an
 * enabled level, or when anything else is asked of it. The lines are the same as the real
 * child's: same bindings, same options.
 */
export const lazyChildLoggerFactory: FastifyChildLoggerFactory = (logger, bindings, options) => new LazyChildLogger(logger, bindings, options);

class LazyChildLogger implements FastifyBaseLogger {
  private made: FastifyBaseLogger | null = null;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  /** The real child, made on first need. */
  private real(): FastifyBaseLogger {
    if (this.made === null) this.made = this.parent.child(this.bindings, this.options);
    return this.made;
  }

  /** Whether a line at `level` would be written; false means the call can return at once. */
  private writes(level: Level): boolean {
    if (this.made !== null || this.options.level !== undefined) return true;
    const parent = this.parent as FastifyBaseLogger & { isLevelEnabled?: (l: string) => boolean };
    return typeof parent.isLevelEnabled === 'function' ? parent.isLevelEnabled(level) : true;
  }

  get level(): string {
    return this.made?.level ?? this.options.level ?? this.parent.level;
  }
  set level(level: string) {
    this.real().level = level;
  }

  /** Writes one line through the real child, unless no child would write at that level. */
  private line(level: Level, args: unknown[]): void {
    if (!this.writes(level)) return;
    const real = this.real();
    (real[level] as (...a: unknown[]) => void).apply(real, args);
  }

  fatal(...args: unknown[]): void {
    this.line('fatal', args);
  }
  error(...args: unknown[]): void {
    this.line('error', args);
  }
  warn(...args: unknown[]): void {
    this.line('warn', args);
  }
  info(...args: unknown[]): void {
    this.line('info', args);
  }
  debug(...args: unknown[]): void {
    this.line('debug', args);
  }
  trace(...args: unknown[]): void {
    this.line('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.real().child(bindings, options);
  }
}
