/** Agreement with a reference decoder (mmpose semantics, see reference.ts). */
import * as fc from 'fast-check';
import { lawHeatmapSamples, type HeatmapOptions, type HeatmapSample } from '../arbitraries.js';
import { checkBoolean, checkFunction, checkOptionsBag, checkTolerance } from '../check-args.js';
import { readOutput, expectPairs, expectValues, type Decoder } from '../compare.js';
import { referenceDecoder, type ReferenceName, type ReferenceOptions } from '../reference.js';
import { nameLaw } from '../report.js';
import { type Law } from './common.js';

export interface ReferenceLawOptions extends ReferenceOptions {
  /** Tolerance on keypoints (and scores), relative to max(1, |x|). Default 1e-6. */
  tolerance?: number;
  /** Compare scores too when the decoder returns them (default true). */
  scores?: boolean;
  /** Heatmaps (default: every kind, layout and dtype, W, H ∈ [8, 24]). */
  heatmaps?: HeatmapOptions;
}

/**
 * Agreement with posecodec's reference decoder (mmpose parity; see
 * {@link referenceDecoder}) within a tolerance, on every generated map
 * (including plateaus with exact ties, negative and all-zero maps).
 * @param reference a reference name, or any decoder to compare against
 * Checked at creation: `decode` a function, `reference` a function or a
 * {@link ReferenceName}, options as {@link referenceDecoder} plus tolerance
 * (finite ≥ 0), scores (boolean), heatmaps (as {@link heatmapSamples}).
 */
export function matchesReference(decode: Decoder, reference: ReferenceName | Decoder, options: ReferenceLawOptions = {}): Law {
  checkFunction('decode', decode);
  const o = checkOptionsBag('options', options);
  const ref = typeof reference === 'function' ? reference : referenceDecoder(reference, { blurKernelSize: o.blurKernelSize, beta: o.beta } as ReferenceOptions);
  const tol = checkTolerance('options.tolerance', o.tolerance, 1e-6);
  const scores = checkBoolean('options.scores', o.scores, true);
  const hm = lawHeatmapSamples('options.heatmaps', o.heatmaps);
  const name = typeof reference === 'function' ? 'the given reference' : `posecodec '${reference}'`;
  return nameLaw(
    fc.property(hm, (s: HeatmapSample) => {
      const got = readOutput(decode(s.heatmaps));
      const want = readOutput(ref(s.heatmaps), 'reference');
      expectPairs(got.xy, want.xy, tol, `decoder vs ${name}`, true);
      if (scores && got.scores && want.scores) expectValues(got.scores, want.scores, tol, `decoder vs ${name} scores`, true);
    }),
    'matchesReference',
  );
}
