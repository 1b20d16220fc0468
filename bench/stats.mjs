// Several runs of one measurement come to a median with its min and max; ratios are taken run by run
// (each pair measured back to back) and then summarised, so that noise hitting both sides cancels.

/** `{ median, min, max, runs }` of a list of numbers. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** Ratios of paired runs: `a[i] / b[i]`. */
export function pairedRatios(a, b) {
  return a.map((value, i) => value / b[i]);
}

/** `412 ms (398–460)` */
export function formatMs(s) {
  return `${ms(s.median)} ms (${ms(s.min)}–${ms(s.max)})`;
}

/** `2.31× (2.20–2.45)` */
export function formatRatio(s) {
  return `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
}

/** `123 MB (120–126)` from kilobytes. */
export function formatMb(s) {
  const mb = (kb) => (kb / 1024).toFixed(0);
  return `${mb(s.median)} MB (${mb(s.min)}–${mb(s.max)})`;
}

function ms(value) {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}
