/** Public API of the data layer: reading, labels, fingerprints, grouping, splits, CSV writing. */
export { LABELS, KNOWN_RAW_LABELS, mapLabel, isThreat, labelCode, type Label } from './label.js';
export { type DataFormat, detectFormat, sniffFormat } from './format.js';
export type { ReadOptions } from './read-options.js';
export { type SkipReport, createSkipReport } from './skip-report.js';
export { readLabeled, type LabeledRow } from './read-labeled.js';
export { readTexts, readTextBatches, type TextRow, type TextToScore } from './read-texts.js';
export { parseDelimited, DelimitedParser } from './delimited-parser.js';
export { loadDataset, type Dataset, type DatasetFile } from './load-dataset.js';
export { fingerprintRows } from './fingerprint.js';
export { BUNDLED_DATASETS } from './bundled.js';
export { groupKey, groupIds } from './group-key.js';
export { groupedStratifiedSplit, groupedStratifiedKFold, type Split } from './split.js';
export { createRng } from './random.js';
export { csvCell, csvLine, CsvBuffer, type CsvValue } from './csv-writer.js';
