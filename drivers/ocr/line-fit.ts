/** Least-squares straight line x = intercept + slope · i through (i, x) points; undefined when all i are equal. */
export function leastSquaresLine(points: readonly { readonly i: number; readonly x: number }[]): { slope: number; intercept: number } | undefined {
  const n = points.length;
  if (n === 0) return undefined;
  const mi = points.reduce((s, p) => s + p.i, 0) / n;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.i - mi) * (p.x - mx);
    sxx += (p.i - mi) ** 2;
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  return { slope, intercept: mx - slope * mi };
}
