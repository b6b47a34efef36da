import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { renderSkeletonSvg, COCO17_SKELETON, MPII16_SKELETON, BLAZEPOSE39_SKELETON, SKELETONS, scoreColor } from '../../src/render/index.js';
import { tagsBalance } from '../helpers/well-formed.js';

const count = (s: string, tag: string) => (s.match(new RegExp(`<${tag}\\b`, 'g')) ?? []).length;

function pose(K: number, score = (k: number) => k / (K - 1)): NdArrayF64 {
  const d = new Float64Array(K * 3);
  for (let k = 0; k < K; k++) d.set([10 + 7 * k, 20 + 3 * (k % 5), score(k)], 3 * k);
  return ndarray(d, [K, 3]);
}
type NdArrayF64 = ReturnType<typeof ndarray<Float64Array>>;

describe('skeleton tables', () => {
  it('are deep-frozen and index inside their keypoint counts (COCO 19 links, MPII 15, BlazePose 35)', () => {
    for (const [sk, edges] of [[COCO17_SKELETON, 19], [MPII16_SKELETON, 15], [BLAZEPOSE39_SKELETON, 35]] as const) {
      expect(sk.edges.length).toBe(edges);
      expect(Object.isFrozen(sk)).toBe(true);
      expect(Object.isFrozen(sk.edges)).toBe(true);
      for (const e of sk.edges) {
        expect(Object.isFrozen(e)).toBe(true);
        expect(Math.max(...e)).toBeLessThan(sk.points);
      }
      expect(new Set(sk.edges.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`)).size).toBe(edges);
    }
    expect(Object.isFrozen(SKELETONS)).toBe(true);
    expect(() => (COCO17_SKELETON.edges as [number, number][]).push([0, 0])).toThrow(TypeError);
  });
});

describe('scoreColor', () => {
  it('runs red → yellow → green and clamps', () => {
    expect(scoreColor(0)).toBe(scoreColor(-3));
    expect(scoreColor(1)).toBe(scoreColor(7));
    expect(scoreColor(NaN)).toBe(scoreColor(0));
    const rgb = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
    expect(rgb(scoreColor(0))[0]).toBeGreaterThan(200);
    expect(rgb(scoreColor(1))[1]).toBeGreaterThan(150);
    expect(rgb(scoreColor(1))[0]).toBeLessThan(50);
  });
});

describe('renderSkeletonSvg', () => {
  it('draws every COCO keypoint as a dot coloured by score and every link as a line; picks the skeleton from K', () => {
    const svg = renderSkeletonSvg(pose(17));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(tagsBalance(svg)).toBe(true);
    expect(count(svg, 'circle')).toBe(17);
    expect(count(svg, 'line')).toBe(19);
    expect(svg).toContain(`fill="${scoreColor(1)}"`);
    expect(svg).toContain(`fill="${scoreColor(0)}"`);
    expect(count(renderSkeletonSvg(pose(16)), 'line')).toBe(15);
    const bp = renderSkeletonSvg(pose(39));
    expect(count(bp, 'line')).toBe(35);
    expect(count(bp, 'circle')).toBe(33); // the 6 auxiliary landmarks are not drawn
    expect(count(renderSkeletonSvg(pose(5)), 'line')).toBe(0); // unknown K: dots only
  });

  it('skips keypoints below scoreThreshold (and their links) and non-finite ones', () => {
    const p = pose(17, (k) => (k === 0 ? 0.1 : 0.9));
    p.set(5, 0, NaN);
    const svg = renderSkeletonSvg(p, { scoreThreshold: 0.5 });
    expect(count(svg, 'circle')).toBe(15);
    const touching = COCO17_SKELETON.edges.filter(([a, b]) => [0, 5].includes(a) || [0, 5].includes(b)).length;
    expect(count(svg, 'line')).toBe(19 - touching);
  });

  it('takes [N, K, 3] batches and { keypoints, scores } lists; is deterministic', () => {
    const batch = ndarray(new Float64Array(2 * 17 * 3).fill(0.5), [2, 17, 3]);
    const a = renderSkeletonSvg(batch);
    expect(a.split('<g class="pose"').length - 1).toBe(2);
    expect(renderSkeletonSvg(batch)).toBe(a);
    const listed = renderSkeletonSvg([{ keypoints: Array.from({ length: 17 }, () => [0.5, 0.5]), scores: new Float32Array(17).fill(0.5) }], { width: 10, height: 10 });
    expect(listed).toContain('width="10" height="10"');
    expect(count(listed, 'circle')).toBe(17);
  });

  it('draws a data-URL background first at its size, escapes the title, and refuses anything but a data:image URL', () => {
    const href = 'data:image/png;base64,iVBORw0KGgo=';
    const svg = renderSkeletonSvg(pose(17), { background: { href, width: 640, height: 480 }, title: 'a <b> & "c"' });
    expect(svg).toContain(`<image href="${href}" x="0" y="0" width="640" height="480"`);
    expect(svg.indexOf('<image')).toBeLessThan(svg.indexOf('<line'));
    expect(svg).toContain('width="640" height="480" viewBox="0 0 640 480"');
    expect(svg).toContain('<title>a &lt;b&gt; &amp; &quot;c&quot;</title>');
    for (const bad of ['http://x/y.png', 'javascript:alert(1)', 'data:text/html,<b>', 'data:image/png;base64,"onload="x']) {
      expect(() => renderSkeletonSvg(pose(17), { background: { href: bad, width: 1, height: 1 } })).toThrow(/background\.href/);
    }
  });

  it('rejects bad input, naming the argument', () => {
    const bad: [() => unknown, typeof TypeError | typeof RangeError, RegExp][] = [
      [() => renderSkeletonSvg('x' as never), TypeError, /poses/],
      [() => renderSkeletonSvg(ndarray(new Float64Array(17), [17, 1])), RangeError, /poses/],
      [() => renderSkeletonSvg([{ keypoints: [[1, 2], [3]] }]), TypeError, /poses\[0\]/],
      [() => renderSkeletonSvg([pose(17), pose(16)]), RangeError, /poses\[1\]/],
      [() => renderSkeletonSvg([{ keypoints: [[1, 2]], scores: [1, 2] }]), RangeError, /scores/],
      [() => renderSkeletonSvg(pose(17), { skeleton: 'openpose' as never }), RangeError, /skeleton/],
      [() => renderSkeletonSvg(pose(16), { skeleton: 'coco17' }), RangeError, /skeleton/],
      [() => renderSkeletonSvg(pose(17), { radius: 0 }), RangeError, /radius/],
      [() => renderSkeletonSvg(pose(17), { scoreThreshold: NaN }), RangeError, /scoreThreshold/],
      [() => renderSkeletonSvg(pose(17), { background: { href: 'data:image/png;base64,AA==', width: 0, height: 1 } }), RangeError, /background\.width/],
      [() => renderSkeletonSvg(pose(17), 1 as never), TypeError, /options/],
      [() => renderSkeletonSvg(ndarray(new Float64Array(0), [2 ** 50, 0, 2], [0, 0, 0])), RangeError, /^poses/],
      [() => renderSkeletonSvg(ndarray(new Float64Array(1), [2 ** 20, 2 ** 20, 2], [0, 0, 0])), RangeError, /^poses/],
      [() => renderSkeletonSvg(ndarray(new Float64Array(1), [2 ** 21, 1, 2], [0, 0, 0])), RangeError, /^poses/],
      [() => renderSkeletonSvg(pose(17), { width: 1e308 }), RangeError, /^options\.width/],
      [() => renderSkeletonSvg(pose(17), { height: 1e308 }), RangeError, /^options\.height/],
      [() => renderSkeletonSvg(pose(17), { radius: 1e308 }), RangeError, /^options\.radius/],
      [() => renderSkeletonSvg(pose(17), { title: 42 as never }), TypeError, /^options\.title/],
    ];
    for (const [call, cls, re] of bad) {
      expect(call).toThrow(cls);
      expect(call).toThrow(re);
    }
  });
});
