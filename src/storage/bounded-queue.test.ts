import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedQueue } from './bounded-queue.js';

test('bounded queue: FIFO across wrap-around', () => {
  const q = new BoundedQueue<number>(3);
  q.push(1);
  q.push(2);
  assert.equal(q.shift(), 1);
  q.push(3);
  q.push(4); // wraps
  assert.equal(q.size, 3);
  assert.deepEqual(q.take(10), [2, 3, 4]);
  assert.equal(q.shift(), undefined);
  assert.deepEqual(q.take(5), []);
});

test('bounded queue: pushing into a full queue evicts and returns the oldest', () => {
  const q = new BoundedQueue<string>(2);
  assert.deepEqual(q.push('a'), { evicted: false });
  q.push('b');
  assert.deepEqual(q.push('c'), { evicted: true, item: 'a' });
  assert.deepEqual(q.take(2), ['b', 'c']);
});

test('bounded queue: unshiftAll puts a batch back in front in order, discarding the oldest that do not fit', () => {
  const q = new BoundedQueue<number>(5);
  q.push(10);
  q.push(11);
  q.push(12);
  assert.equal(q.unshiftAll([7, 8]), 0);
  assert.deepEqual(q.take(5), [7, 8, 10, 11, 12]);
  q.push(20);
  q.push(21);
  q.push(22);
  assert.equal(q.unshiftAll([1, 2, 3, 4]), 2);
  assert.deepEqual(q.take(5), [3, 4, 20, 21, 22]);
});

test('bounded queue: 1,000,000 pushes through a 1,000-slot queue keep the newest 1,000', () => {
  const q = new BoundedQueue<number>(1000);
  let evicted = 0;
  for (let i = 0; i < 1_000_000; i++) if (q.push(i).evicted) evicted++;
  assert.equal(evicted, 999_000);
  const rest = q.take(1000);
  assert.equal(rest[0], 999_000);
  assert.equal(rest[999], 999_999);
});

test('bounded queue: capacity must be a positive integer', () => {
  assert.throws(() => new BoundedQueue(0), RangeError);
  assert.throws(() => new BoundedQueue(1.5), RangeError);
  assert.throws(() => new BoundedQueue(Number.NaN), RangeError);
});
