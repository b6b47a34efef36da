/**
 * The memory-bandwidth floor for the speed benchmark: a plain summing loop
 * over the same Float32Array the decoders read.
 *
 * Every decoder must read each heatmap value at least once, so one sequential
 * pass that does the least possible per value is the fair baseline; decoder
 * times are reported as a ratio to it, measured in the same run (so machine
 * load and CPU frequency cancel). Written as the obvious loop on purpose — no
 * unrolling or multiple accumulators — so the ratio means "versus the loop a
 * user would write".
 */

/**
 * Sum of all values of `data`, one sequential pass, a float64 accumulator.
 * Cost: O(n), reads `4·n` bytes, allocates nothing.
 */
export function sumLoop(data: Float32Array | Float64Array): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i];
  return s;
}
