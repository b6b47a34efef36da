/**
 * Golden parity with mmpose for every `decode.*` and `blur` case in
 * ../shared/oracle/codec (walked, never copied). Tolerances from the oracle
 * README: keypoints ≤ 1e-4 heatmap px (argmax and quarter exact), scores
 * ≤ 1e-6 relative, blur ≤ 1e-5 × map max. Runner: ./decode-golden.ts.
 */
// oracle-fns: codec decode.argmax decode.quarter decode.dark decode.darkUdp blur
import { decodeGoldenSuite } from './decode-golden.js';

decodeGoldenSuite({
  family: 'codec',
  keypointTol: { 'decode.argmax': 0, 'decode.quarter': 1e-4, 'decode.dark': 1e-4, 'decode.darkUdp': 1e-4 },
  scoreTol: 1e-6,
  blurTol: 1e-5,
  elsewhere: ['encode.msra', 'encode.unbiased', 'encode.udp', 'encode.udpCombined'], // test/encode/golden.test.ts
});
