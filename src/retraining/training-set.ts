/**
 * The retraining set: the production model's training rows plus analyst feedback. Feedback wins
 * where it contradicts — every base row in the same near-duplicate group as a labelled text is
 * replaced by the analyst's row — and feedback itself is deduplicated by group key (newest label
 * first), so one message never appears twice with different labels.
 */
import { groupKey, mapLabel, type Label, type LabeledRow } from '../data/index.js';
import type { FeedbackRecord } from '../storage/index.js';

export type RowOrigin = 'base' | 'feedback';

export interface RetrainRow {
  text: string;
  label: Label;
  origin: RowOrigin;
  /** The feedback row id for origin 'feedback'. */
  feedbackId: string | null;
}

export interface TrainingSet {
  rows: RetrainRow[];
  /** Base rows dropped because feedback labelled their group. */
  baseReplaced: number;
  /** Of those, how many had a different (threat vs benign) label than the feedback. */
  contradicted: number;
  /** Feedback rows used (one per group). */
  feedbackUsed: number;
  /** Feedback rows not used: no stored text, an unknown label, or an older label of a group already labelled. */
  feedbackSkipped: { noText: number; unknownLabel: number; duplicate: number };
}

/**
 * Merges base rows and feedback. `feedback` should be current labels (one per message); it is
 * ordered newest first here, so the newest label of a group wins.
 *
 * @example
 * const set = buildTrainingSet(dataset.rows, await stores.feedback.current({ limit: 100_000 }));
 */
export function buildTrainingSet(base: readonly Pick<LabeledRow, 'text' | 'label'>[], feedback: readonly FeedbackRecord[]): TrainingSet {
  const skipped = { noText: 0, unknownLabel: 0, duplicate: 0 };
  const byGroup = new Map<string, RetrainRow>();
  const newestFirst = [...feedback].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  for (const f of newestFirst) {
    if (f.text === null || f.text.trim() === '') {
      skipped.noText++;
      continue;
    }
    const label = mapLabel(f.label);
    if (!label) {
      skipped.unknownLabel++;
      continue;
    }
    const key = groupKey(f.text);
    if (byGroup.has(key)) {
      skipped.duplicate++;
      continue;
    }
    byGroup.set(key, { text: f.text, label, origin: 'feedback', feedbackId: f.id });
  }
  const rows: RetrainRow[] = [];
  let baseReplaced = 0;
  let contradicted = 0;
  for (const r of base) {
    const fb = byGroup.get(groupKey(r.text));
    if (fb) {
      baseReplaced++;
      if ((fb.label === 'benign') !== (r.label === 'benign')) contradicted++;
      continue;
    }
    rows.push({ text: r.text, label: r.label, origin: 'base', feedbackId: null });
  }
  for (const fb of byGroup.values()) rows.push(fb);
  return { rows, baseReplaced, contradicted, feedbackUsed: byGroup.size, feedbackSkipped: skipped };
}
