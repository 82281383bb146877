/**
 * Retraining as a background job: reads the current analyst labels, runs `retrain()` (candidate
 * from production's training data plus feedback, compared on one holdout) and registers the
 * candidate under the alias `candidate` with its lineage — parent version, the feedback rows it
 * learned from, the guard verdict and where the report is. One run at a time: a trigger while a
 * run is in progress gets that run's promise instead of starting a second one.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { wardenError } from '../errors.js';
import type { ModelRegistry } from '../registry/model-registry.js';
import { retrain, type RetrainOptions, type RetrainReport } from '../retraining/index.js';
import type { FeedbackRecord } from '../storage/index.js';

/** Where the job finds the current analyst labels (the service's `stores.feedback`). */
export interface FeedbackSource {
  current(query: { limit: number }): Promise<FeedbackRecord[]>;
}

export interface RetrainJobDeps {
  registry: ModelRegistry;
  feedback: FeedbackSource;
  /** Each run writes under `<outRoot>/run-<n>` (n counts runs of this job). */
  outRoot: string;
  /** Everything else `retrain()` takes: data paths, seed, guard, evaluation rows… */
  options?: Omit<RetrainOptions, 'registry' | 'feedback' | 'outDir' | 'actor' | 'register'>;
  /** Labels read per run (default 1,000,000). */
  feedbackLimit?: number;
}

export interface RetrainRun {
  /** Why the run was started (the policy's reasons, or 'manual'). */
  reasons: string[];
  actor: string;
  version: string;
  candidateDir: string;
  report: RetrainReport;
  reportPaths: { json: string; markdown: string };
}

export type RetrainJobState = { status: 'idle' | 'running'; runs: number; last: RetrainRun | null; lastError: string | null };

export class RetrainJob {
  #running: Promise<RetrainRun> | null = null;
  #runs = 0;
  #last: RetrainRun | null = null;
  #lastError: string | null = null;

  constructor(private readonly deps: RetrainJobDeps) {}

  get state(): RetrainJobState {
    return { status: this.#running ? 'running' : 'idle', runs: this.#runs, last: this.#last, lastError: this.#lastError };
  }

  /**
   * Starts a run (or joins the one in progress) and resolves with the registered candidate.
   * Rejects with retrain()'s errors (BAD_DATA, ONE_CLASS…); the job stays usable afterwards.
   *
   * @example
   * const job = new RetrainJob({ registry, feedback: stores.feedback, outRoot: 'var/retrain' });
   * const run = await job.trigger('ops', ['manual']); // run.version → 'v2', alias candidate
   */
  trigger(actor: string, reasons: readonly string[] = ['manual']): Promise<RetrainRun> {
    if (typeof actor !== 'string' || actor.trim() === '') return Promise.reject(wardenError('INVALID_INPUT', 'a retraining run needs an actor'));
    if (!this.#running) {
      this.#running = this.#run(actor, [...reasons]).finally(() => {
        this.#running = null;
      });
    }
    return this.#running;
  }

  async #run(actor: string, reasons: string[]): Promise<RetrainRun> {
    const n = ++this.#runs;
    try {
      const feedback = await this.deps.feedback.current({ limit: this.deps.feedbackLimit ?? 1_000_000 });
      const outDir = join(this.deps.outRoot, `run-${n}`);
      const { report, reportPaths, candidateDir } = await retrain({ ...this.deps.options, registry: this.deps.registry, feedback, outDir, actor, register: false });
      // Registered here rather than inside retrain() so the version carries its lineage.
      const reg = await this.deps.registry.register(candidateDir, actor, {
        alias: 'candidate',
        parent: report.production.version,
        feedbackIds: report.data.feedbackIds,
        notes: { retrainReport: reportPaths.json, reasons, promotable: report.guard.promotable, mcnemarP: report.comparison.mcnemar.pValue },
      });
      const full: RetrainReport = { ...report, candidate: { ...report.candidate, version: reg.version, dir: reg.dir, aliases: reg.aliases } };
      await writeFile(reportPaths.json, `${JSON.stringify(full, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
      const run: RetrainRun = { reasons, actor, version: reg.version, candidateDir: reg.dir, report: full, reportPaths };
      this.#last = run;
      this.#lastError = null;
      return run;
    } catch (err) {
      this.#lastError = err instanceof Error ? err.message : String(err);
      throw err;
    }
  }
}
