/**
 * Loading one or more labelled files into one training set: validated, merged, deduplicated
 * across files, fingerprinted for lineage.
 */
import { wardenError } from '../errors.js';
import { fingerprintRows } from './fingerprint.js';
import { groupKey } from './group-key.js';
import { LABELS, type Label } from './label.js';
import { readLabeled, type LabeledRow } from './read-labeled.js';
import type { ReadOptions } from './read-options.js';
import { createSkipReport, type SkipReport } from './skip-report.js';

export interface DatasetFile {
  path: string;
  /** Rows read from the file (before cross-file deduplication). */
  rows: number;
  /** {@link fingerprintRows} of the file's rows. */
  fingerprint: string;
  labelCounts: Record<Label, number>;
}

export interface Dataset {
  /** Merged rows, in file order then line order, without cross-file duplicates. */
  rows: LabeledRow[];
  files: DatasetFile[];
  /** {@link fingerprintRows} of the merged rows (after deduplication and label resolution). */
  fingerprint: string;
  skipped: SkipReport;
  /** Rows dropped because their group key already occurred in an earlier file. */
  duplicatesRemoved: number;
  /** Dropped duplicates whose label disagreed with the kept one, other than spam vs phishing. */
  labelConflicts: number;
  hasPhishingLabels: boolean;
}

function emptyCounts(): Record<Label, number> {
  return { benign: 0, spam: 0, phishing: 0 };
}

/**
 * Reads every file, validates (a dataset with only one class → ONE_CLASS error naming the
 * files), merges them, deduplicating ACROSS files by group key. Duplicates WITHIN one file are
 * kept (the split groups them). When a text appears in several files with different labels,
 * phishing beats spam (the more specific label); any other disagreement keeps the first file's
 * label and is counted in labelConflicts.
 *
 * @example
 * const ds = await loadDataset(BUNDLED_DATASETS);
 * console.log(ds.rows.length, ds.duplicatesRemoved, ds.fingerprint);
 */
export async function loadDataset(paths: string[], opts: ReadOptions = {}): Promise<Dataset> {
  if (paths.length === 0) throw wardenError('INVALID_INPUT', 'no data files given');
  const skipped = createSkipReport();
  const rows: LabeledRow[] = [];
  const files: DatasetFile[] = [];
  // group key → file index that introduced it and the merged rows carrying it
  const owners = new Map<string, { file: number; rows: number[] }>();
  let duplicatesRemoved = 0;
  let labelConflicts = 0;

  for (let f = 0; f < paths.length; f++) {
    const fileRows: LabeledRow[] = [];
    const labelCounts = emptyCounts();
    for await (const row of readLabeled(paths[f], opts, skipped)) {
      fileRows.push(row);
      labelCounts[row.label]++;
      const key = groupKey(row.text);
      const owner = owners.get(key);
      if (owner === undefined) {
        owners.set(key, { file: f, rows: [rows.length] });
        rows.push(row);
      } else if (owner.file === f) {
        owner.rows.push(rows.length);
        rows.push(row);
      } else {
        duplicatesRemoved++;
        const kept = rows[owner.rows[0]].label;
        if (kept === row.label) continue;
        if (row.label === 'phishing' && kept === 'spam') {
          for (const r of owner.rows) if (rows[r].label === 'spam') rows[r] = { ...rows[r], label: 'phishing' };
        } else if (!(row.label === 'spam' && kept === 'phishing')) {
          labelConflicts++;
        }
      }
    }
    files.push({ path: paths[f], rows: fileRows.length, fingerprint: fingerprintRows(fileRows), labelCounts });
  }

  const present = LABELS.filter((label) => rows.some((r) => r.label === label));
  const named = paths.join(', ');
  if (rows.length === 0) throw wardenError('BAD_DATA', `no usable rows in ${named}`, { details: { skipped } });
  if (present.length < 2) {
    throw wardenError('ONE_CLASS', `${named}: every row is labelled '${present[0]}'; training needs at least two classes`);
  }
  return {
    rows,
    files,
    fingerprint: fingerprintRows(rows),
    skipped,
    duplicatesRemoved,
    labelConflicts,
    hasPhishingLabels: present.includes('phishing'),
  };
}
