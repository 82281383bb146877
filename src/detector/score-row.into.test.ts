import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tinyModelDir } from '../../test/support/tiny-model.js';
import { loadDetector } from './load-detector.js';
import { MAX_TEXT_LENGTH, scoreRowFields, scoreRowInto } from './score-row.js';

test('scoreRowInto writes the fields scoreRowFields returns, at the offset given, for scorable and unscorable texts', async () => {
  const detector = await loadDetector(await tinyModelDir(), 'v3');
  const texts = ['WINNER!! Claim your prize at http://x.co now', 'see you at 6', '', '   \n', 'x'.repeat(MAX_TEXT_LENGTH + 1), 'Vеrify your аccount'];
  const cells: unknown[] = ['keep', 'keep'];
  for (const text of texts) {
    scoreRowInto(detector, text, cells, 2);
    assert.deepEqual(cells, ['keep', 'keep', ...scoreRowFields(detector, text)], text.slice(0, 40));
  }
  scoreRowInto(detector, '   ', cells, 2);
  assert.deepEqual(cells, ['keep', 'keep', '', '', '', 'v3', 'empty text']);
  scoreRowInto(detector, 'see you at 6', cells, 2);
  assert.equal(typeof cells[2], 'number');
  assert.deepEqual(cells.slice(5), ['v3', '']);
});
