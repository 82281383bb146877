import { LABELS, type Label } from '../data/label.js';

export interface ClassFigures {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassReport {
  per_class: Record<Label, ClassFigures>;
  /** confusion[true][predicted] */
  confusion: Record<Label, Record<Label, number>>;
  accuracy: number;
  macro_f1: number;
}

function safeDiv(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Per-class precision/recall/F1 and the 3×3 confusion matrix of a three-class labelling. */
export function classReport(truth: readonly Label[], predicted: readonly Label[]): ClassReport {
  const confusion = Object.fromEntries(LABELS.map((t) => [t, Object.fromEntries(LABELS.map((p) => [p, 0]))])) as Record<Label, Record<Label, number>>;
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    confusion[truth[i]][predicted[i]] += 1;
    if (truth[i] === predicted[i]) correct++;
  }
  const per_class = {} as Record<Label, ClassFigures>;
  let f1Sum = 0;
  let present = 0;
  for (const c of LABELS) {
    const tp = confusion[c][c];
    const support = LABELS.reduce((s, p) => s + confusion[c][p], 0);
    const predictedC = LABELS.reduce((s, t) => s + confusion[t][c], 0);
    const precision = safeDiv(tp, predictedC);
    const recall = safeDiv(tp, support);
    const f1 = safeDiv(2 * precision * recall, precision + recall);
    per_class[c] = { precision, recall, f1, support };
    if (support > 0) {
      f1Sum += f1;
      present++;
    }
  }
  return { per_class, confusion, accuracy: safeDiv(correct, truth.length), macro_f1: safeDiv(f1Sum, present) };
}
