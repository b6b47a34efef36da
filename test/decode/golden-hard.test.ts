/**
 * Golden parity with mmpose on hard maps: every case in
 * ../shared/oracle/codec-hard (elongated 1:3 … 1:200 and rotated peaks,
 * plateaus, ridges, 1e-20 … 1e6 maps, border and corner peaks, fractional and
 * (−1, −1) DARK-UDP starts). Tolerances from codec-hard/FORMAT.md: argmax
 * (keypoints and scores) and quarter exact, dark and darkUdp ≤ 2e-3 heatmap
 * px, blur ≤ 1e-5 × max |map|; NaN positions exact. Runner: ./decode-golden.ts.
 */
// oracle-fns: codec-hard decode.argmax decode.quarter decode.dark decode.darkUdp blur
import { decodeGoldenSuite } from './decode-golden.js';

decodeGoldenSuite({
  family: 'codec-hard',
  keypointTol: { 'decode.argmax': 0, 'decode.quarter': 0, 'decode.dark': 2e-3, 'decode.darkUdp': 2e-3 },
  scoreTol: 0,
  blurTol: 1e-5,
});
