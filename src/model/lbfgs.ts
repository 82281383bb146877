import { wolfeLineSearch } from './wolfe-line-search.js';

/** f(x) with its gradient written into `gradOut`; returns f. */
export type Objective = (x: Float64Array, gradOut: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when ||∇f||∞ ≤ tol·max(1, ||∇f(x0)||∞). */
  tol: number;
  maxIter: number;
  /** Number of correction pairs kept; 10 as in scipy's L-BFGS-B default. */
  memory?: number;
  /** Coordinates whose gradient is forced to zero (held at their start value), e.g. a fixed bias. */
  frozen?: number[];
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
  gradientNorm: number;
  /** Why the run stopped: 'gradient', 'max-iter', 'stalled' (no decrease possible) or 'line-search'. */
  stop: 'gradient' | 'max-iter' | 'stalled' | 'line-search';
}

/**
 * Limited-memory BFGS (Nocedal & Wright, Algorithm 7.4/7.5) with a strong-Wolfe line search.
 * Unconstrained, so the "projected" gradient is the gradient. All state lives in preallocated
 * Float64Arrays: memory·2 + 5 vectors of length x0.length.
 */
export function minimizeLbfgs(objective: Objective, x0: Float64Array, opts: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const m = opts.memory ?? 10;
  const frozen = opts.frozen ?? [];
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const xTrial = new Float64Array(n);
  const gTrial = new Float64Array(n);
  const p = new Float64Array(n);
  const S = Array.from({ length: m }, () => new Float64Array(n));
  const Y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alphaBuf = new Float64Array(m);
  let stored = 0;
  let head = 0; // index of the next slot to overwrite

  const evaluate = (at: Float64Array, gradOut: Float64Array): number => {
    const f = objective(at, gradOut);
    for (const j of frozen) gradOut[j] = 0;
    return f;
  };

  let f = evaluate(x, g);
  let gNorm = infNorm(g);
  const threshold = opts.tol * Math.max(1, gNorm);
  let iterations = 0;
  let stop: LbfgsResult['stop'] = 'max-iter';
  if (gNorm <= threshold) stop = 'gradient';

  while (stop === 'max-iter' && iterations < opts.maxIter) {
    twoLoopDirection(g, S, Y, rho, alphaBuf, stored, head, m, p);
    let slope0 = dot(g, p);
    if (!(slope0 < 0)) {
      // The quasi-Newton model went bad (rounding); restart from steepest descent.
      stored = 0;
      for (let j = 0; j < n; j++) p[j] = -g[j];
      slope0 = -dot(g, g);
    }
    const alpha0 = stored === 0 ? Math.min(1, 1 / Math.max(gNorm, 1e-300)) : 1;
    const phi = (alpha: number) => {
      for (let j = 0; j < n; j++) xTrial[j] = x[j] + alpha * p[j];
      const value = evaluate(xTrial, gTrial);
      return { value, slope: dot(gTrial, p) };
    };
    const ls = wolfeLineSearch(phi, f, slope0, alpha0);
    if (ls.alpha === 0 || !(ls.value <= f)) {
      stop = ls.ok ? 'stalled' : 'line-search';
      break;
    }
    if (!ls.bufferHoldsAlpha) phi(ls.alpha);
    iterations++;
    // New correction pair s = x⁺ − x, y = g⁺ − g.
    const s = S[head];
    const yv = Y[head];
    for (let j = 0; j < n; j++) {
      s[j] = xTrial[j] - x[j];
      yv[j] = gTrial[j] - g[j];
    }
    const sy = dot(s, yv);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(yv, yv))) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      stored = Math.min(stored + 1, m);
    }
    const fPrev = f;
    x.set(xTrial);
    g.set(gTrial);
    f = ls.value;
    gNorm = infNorm(g);
    if (gNorm <= threshold) stop = 'gradient';
    else if (fPrev - f <= 1e-15 * Math.max(Math.abs(f), Math.abs(fPrev), 1)) stop = 'stalled';
  }
  return { x, value: f, iterations, converged: stop === 'gradient', gradientNorm: gNorm, stop };
}

/** p = −H·g by the two-loop recursion over the stored pairs, newest first. */
function twoLoopDirection(
  g: Float64Array,
  S: Float64Array[],
  Y: Float64Array[],
  rho: Float64Array,
  alphaBuf: Float64Array,
  stored: number,
  head: number,
  m: number,
  p: Float64Array,
): void {
  const n = g.length;
  for (let j = 0; j < n; j++) p[j] = -g[j];
  for (let k = 0; k < stored; k++) {
    const idx = (head - 1 - k + m) % m;
    const a = rho[idx] * dot(S[idx], p);
    alphaBuf[idx] = a;
    axpy(-a, Y[idx], p);
  }
  if (stored > 0) {
    const newest = (head - 1 + m) % m;
    const gamma = 1 / (rho[newest] * dot(Y[newest], Y[newest])); // sᵀy / yᵀy
    for (let j = 0; j < n; j++) p[j] *= gamma;
  }
  for (let k = stored - 1; k >= 0; k--) {
    const idx = (head - 1 - k + m) % m;
    const b = rho[idx] * dot(Y[idx], p);
    axpy(alphaBuf[idx] - b, S[idx], p);
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < x.length; j++) y[j] += a * x[j];
}

function infNorm(v: Float64Array): number {
  let m = 0;
  for (let j = 0; j < v.length; j++) {
    const a = Math.abs(v[j]);
    if (a > m) m = a;
  }
  return m;
}
