import { describe, it, expect } from 'vitest';
import { checkOracleGroundTruth, limitGroundTruth, maxOraclePersons } from '../../bench/sections/oracle-ap-input.js';
import { syntheticPersons } from '../../bench/workload/synthetic-persons.js';

describe('oracle-AP ground truth', () => {
  it('limitGroundTruth keeps whole images, in order, up to the person cap', () => {
    const gt = syntheticPersons({ persons: 30, perImage: 3, seed: 2 });
    const used = (a: (typeof gt.annotations)[number]) => a.num_keypoints > 0;
    const cut = limitGroundTruth(gt, 10);
    expect(cut.persons).toBeLessThanOrEqual(10);
    expect(cut.gt.images).toEqual(gt.images.slice(0, cut.images));
    const ids = new Set(cut.gt.images.map((i) => i.id));
    expect(cut.gt.annotations).toEqual(gt.annotations.filter((a) => ids.has(a.image_id)));
    expect(cut.gt.annotations.filter(used)).toHaveLength(cut.persons);
    expect(limitGroundTruth(gt, 1000).gt.annotations).toHaveLength(30);
  });

  it('caps at 100 persons with --quick, 500 without', () => {
    expect(maxOraclePersons(true)).toBe(100);
    expect(maxOraclePersons(false)).toBe(500);
  });

  const base = () => syntheticPersons({ persons: 3, seed: 1 });
  it.each([
    ['a bbox of width 0', (g: ReturnType<typeof base>) => (g.annotations[0].bbox = [0, 0, 0, 5]), /annotations\[0\]\.bbox/],
    ['a short bbox', (g: ReturnType<typeof base>) => (g.annotations[1].bbox = [1, 2, 3]), /bbox/],
    ['keypoints of another K', (g: ReturnType<typeof base>) => (g.annotations[2].keypoints = g.annotations[2].keypoints.slice(0, 15)), /keypoints/],
    ['NaN keypoints', (g: ReturnType<typeof base>) => (g.annotations[0].keypoints[0] = NaN), /keypoints/],
    ['no images array', (g: ReturnType<typeof base>) => ((g as { images?: unknown }).images = undefined), /images/],
  ])('checkOracleGroundTruth rejects %s with a typed error naming it', (_n, spoil, msg) => {
    const g = base();
    for (const a of g.annotations) a.num_keypoints = Math.max(1, a.num_keypoints);
    spoil(g);
    let err: unknown;
    try {
      checkOracleGroundTruth(g);
    } catch (e) {
      err = e;
    }
    expect(err instanceof TypeError || err instanceof RangeError, String(err)).toBe(true);
    expect(String((err as Error).message)).toMatch(msg);
  });
});
