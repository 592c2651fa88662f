/**
 * Ridge regression (Hoerl and Kennard 1970) by its normal equations: w = (X'X + lambda I)^-1 X'y on
 * centred features and targets, so the intercept is not shrunk. Rows may carry weights (how many
 * times a bootstrap sample drew them). The centred Gram matrix is formed as sum(w x x') - N m m'
 * over each row's non-zero features only — width features are mostly zeros — and the system is
 * solved by Cholesky factorisation; everything is Float64Array arithmetic, deterministic
 * everywhere.
 */

export interface LinearModel {
  readonly intercept: number;
  readonly weights: Float64Array;
}

/**
 * Fits `targets` on the feature rows (all of one length) with penalty `lambda` > 0; `weights`
 * (default all 1) says how much each row counts. At least one row must have weight above 0.
 */
export function fitRidge(rows: readonly Float64Array[], targets: readonly number[], lambda: number, weights?: ArrayLike<number>): LinearModel {
  const d = rows[0]?.length ?? 0;
  const sumX = new Float64Array(d);
  const sumXY = new Float64Array(d);
  const gram = new Float64Array(d * d); // lower triangle of sum(w x x')
  const nonZero = new Int32Array(d);
  let [total, sumY] = [0, 0];
  rows.forEach((row, r) => {
    const w = weights ? (weights[r] as number) : 1;
    if (w === 0) return;
    const y = targets[r] as number;
    total += w;
    sumY += w * y;
    let count = 0;
    for (let j = 0; j < d; j++) if (row[j] !== 0) nonZero[count++] = j;
    for (let a = 0; a < count; a++) {
      const i = nonZero[a] as number;
      const wx = w * (row[i] as number);
      sumX[i] = (sumX[i] as number) + wx;
      sumXY[i] = (sumXY[i] as number) + wx * y;
      for (let b = 0; b <= a; b++) {
        const j = nonZero[b] as number;
        gram[i * d + j] = (gram[i * d + j] as number) + wx * (row[j] as number);
      }
    }
  });
  const meanY = sumY / total;
  const meanX = sumX.map((s) => s / total);
  const rhs = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    rhs[i] = (sumXY[i] as number) - total * (meanX[i] as number) * meanY;
    for (let j = 0; j <= i; j++) gram[i * d + j] = (gram[i * d + j] as number) - total * (meanX[i] as number) * (meanX[j] as number);
    gram[i * d + i] = (gram[i * d + i] as number) + lambda;
  }
  const w = choleskySolve(gram, rhs, d);
  let intercept = meanY;
  for (let j = 0; j < d; j++) intercept -= (w[j] as number) * (meanX[j] as number);
  return { intercept, weights: w };
}

/** The model's prediction for one feature row. */
export function predict(model: LinearModel, row: Float64Array): number {
  let y = model.intercept;
  for (let j = 0; j < row.length; j++) y += (model.weights[j] as number) * (row[j] as number);
  return y;
}

/** Solves A x = b for symmetric positive-definite A given by its lower triangle (row-major, d x d). */
export function choleskySolve(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * d + k] as number) * (l[j * d + k] as number);
      l[i * d + j] = i === j ? Math.sqrt(sum) : sum / (l[j * d + j] as number);
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * d + k] as number) * (z[k] as number);
    z[i] = sum / (l[i * d + i] as number);
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let sum = z[i] as number;
    for (let k = i + 1; k < d; k++) sum -= (l[k * d + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * d + i] as number);
  }
  return x;
}
