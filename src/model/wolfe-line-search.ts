/**
 * One evaluation of φ(α) = f(x + α·p): the value and the directional derivative φ'(α) = ∇f·p.
 * The callback leaves the evaluated point and gradient in the optimiser's trial buffers.
 */
export type RayEvaluator = (alpha: number) => { value: number; slope: number };

export interface LineSearchResult {
  alpha: number;
  value: number;
  slope: number;
  /** True when the trial buffers hold the point at `alpha` (false: re-evaluate before use). */
  bufferHoldsAlpha: boolean;
  ok: boolean;
}

const C1 = 1e-4; // sufficient decrease (Armijo)
const C2 = 0.9; // curvature; 0.9 is the usual choice for quasi-Newton directions
const MAX_EVALS = 40;

/**
 * Strong-Wolfe line search (Nocedal & Wright, Algorithms 3.5 and 3.6) with safeguarded cubic
 * interpolation inside the zoom. Expects φ'(0) < 0. Returns ok=false if no Wolfe point was found
 * within the evaluation budget; the best point seen is then returned.
 */
export function wolfeLineSearch(phi: RayEvaluator, value0: number, slope0: number, alpha0: number): LineSearchResult {
  let alphaPrev = 0;
  let valuePrev = value0;
  let slopePrev = slope0;
  let alpha = alpha0;
  let evals = 0;
  let best = { alpha: 0, value: value0, slope: slope0 };
  let lastAlpha = NaN;
  while (evals < MAX_EVALS) {
    const { value, slope } = phi(alpha);
    evals++;
    lastAlpha = alpha;
    if (value < best.value) best = { alpha, value, slope };
    if (value > value0 + C1 * alpha * slope0 || (evals > 1 && value >= valuePrev)) {
      return zoom(phi, value0, slope0, alphaPrev, valuePrev, slopePrev, alpha, value, slope, evals, best);
    }
    if (Math.abs(slope) <= -C2 * slope0) return { alpha, value, slope, bufferHoldsAlpha: true, ok: true };
    if (slope >= 0) {
      return zoom(phi, value0, slope0, alpha, value, slope, alphaPrev, valuePrev, slopePrev, evals, best);
    }
    alphaPrev = alpha;
    valuePrev = value;
    slopePrev = slope;
    alpha *= 2;
  }
  return { ...best, bufferHoldsAlpha: best.alpha === lastAlpha, ok: false };
}

function zoom(
  phi: RayEvaluator,
  value0: number,
  slope0: number,
  aLo: number,
  vLo: number,
  sLo: number,
  aHi: number,
  vHi: number,
  sHi: number,
  evals: number,
  best: { alpha: number; value: number; slope: number },
): LineSearchResult {
  let lastAlpha = NaN;
  while (evals < MAX_EVALS) {
    let a = cubicMinimiser(aLo, vLo, sLo, aHi, vHi, sHi);
    const lo = Math.min(aLo, aHi);
    const width = Math.abs(aHi - aLo);
    // Keep the trial well inside the bracket so the interval always shrinks.
    if (!Number.isFinite(a) || a < lo + 0.1 * width || a > lo + 0.9 * width) a = 0.5 * (aLo + aHi);
    if (width < 1e-16 * Math.max(1, Math.abs(aHi))) break;
    const { value, slope } = phi(a);
    evals++;
    lastAlpha = a;
    if (value < best.value) best = { alpha: a, value, slope };
    if (value > value0 + C1 * a * slope0 || value >= vLo) {
      aHi = a;
      vHi = value;
      sHi = slope;
    } else {
      if (Math.abs(slope) <= -C2 * slope0) return { alpha: a, value, slope, bufferHoldsAlpha: true, ok: true };
      if (slope * (aHi - aLo) >= 0) {
        aHi = aLo;
        vHi = vLo;
        sHi = sLo;
      }
      aLo = a;
      vLo = value;
      sLo = slope;
    }
  }
  return { ...best, bufferHoldsAlpha: best.alpha === lastAlpha, ok: false };
}

/** Minimiser of the cubic matching values and slopes at a and b (NaN when it has none). */
function cubicMinimiser(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  const d1 = ga + gb - 3 * (fa - fb) / (a - b);
  const disc = d1 * d1 - ga * gb;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2));
}
