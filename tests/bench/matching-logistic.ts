/**
 * Logistic regression by Newton–Raphson (iteratively reweighted least squares) with an L2
 * penalty: small, exact enough for a few dozen features and a few hundred thousand rows.
 */

/** A fitted model: bias and one weight per column. */
export interface LogisticFit {
  bias: number;
  weights: number[];
  iterations: number;
  logLoss: number;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = r;
    const tmp = m[c] as number[];
    m[c] = m[pivot] as number[];
    m[pivot] = tmp;
    const pv = m[c]?.[c] ?? 0;
    if (Math.abs(pv) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const factor = (m[r]?.[c] ?? 0) / pv;
      if (factor === 0) continue;
      for (let k = c; k <= n; k++) (m[r] as number[])[k] = (m[r]?.[k] ?? 0) - factor * (m[c]?.[k] ?? 0);
    }
  }
  return Array.from({ length: n }, (_, i) => ((m[i]?.[n] ?? 0) / (m[i]?.[i] || 1)));
}

/**
 * Fit P(y=1|x) = σ(bias + w·x). `fixed` columns keep the given weight (their contribution is an
 * offset); `l2` penalises the other weights (not the bias).
 */
export function fitLogistic(rows: readonly number[][], labels: readonly number[], l2: number, fixed: ReadonlyMap<number, number> = new Map(), maxIter = 30): LogisticFit {
  const d = (rows[0]?.length ?? 0) + 1;
  let w = new Array<number>(d).fill(0);
  for (const [k, v] of fixed) w[k + 1] = v;
  const free = Array.from({ length: d }, (_, k) => k).filter((k) => !fixed.has(k - 1));
  let loss = Infinity;
  let it = 0;
  for (; it < maxIter; it++) {
    const H = free.map(() => new Array<number>(free.length).fill(0));
    const g = new Array<number>(free.length).fill(0);
    let ll = 0;
    for (let r = 0; r < rows.length; r++) {
      const x = rows[r] ?? [];
      let z = w[0] ?? 0;
      for (let k = 1; k < d; k++) z += (w[k] ?? 0) * (x[k - 1] ?? 0);
      const p = 1 / (1 + Math.exp(-z));
      const y = labels[r] ?? 0;
      ll -= y * Math.log(Math.max(p, 1e-15)) + (1 - y) * Math.log(Math.max(1 - p, 1e-15));
      const s = p * (1 - p);
      for (let a = 0; a < free.length; a++) {
        const ka = free[a] ?? 0;
        const xa = ka === 0 ? 1 : (x[ka - 1] ?? 0);
        if (xa === 0) continue;
        g[a] = (g[a] ?? 0) + (y - p) * xa;
        const Ha = H[a] as number[];
        for (let b = a; b < free.length; b++) {
          const kb = free[b] ?? 0;
          const xb = kb === 0 ? 1 : (x[kb - 1] ?? 0);
          if (xb !== 0) Ha[b] = (Ha[b] ?? 0) + s * xa * xb;
        }
      }
    }
    for (let a = 0; a < free.length; a++) {
      for (let b = 0; b < a; b++) (H[a] as number[])[b] = H[b]?.[a] ?? 0;
      if ((free[a] ?? 0) !== 0) {
        (H[a] as number[])[a] = (H[a]?.[a] ?? 0) + l2;
        g[a] = (g[a] ?? 0) - l2 * (w[free[a] ?? 0] ?? 0);
      }
    }
    const step = solve(H, g);
    w = w.slice();
    free.forEach((k, a) => {
      w[k] = (w[k] ?? 0) + (step[a] ?? 0);
    });
    const done = Math.abs(loss - ll) < 1e-6 * Math.max(1, ll);
    loss = ll;
    if (done) break;
  }
  return { bias: w[0] ?? 0, weights: w.slice(1), iterations: it + 1, logLoss: loss / Math.max(1, rows.length) };
}
