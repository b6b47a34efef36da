import { describe, it, expect } from 'vitest';
import { syntheticPersons, PERSON_TEMPLATE } from '../../bench/workload/synthetic-persons.js';
import { checkOracleGroundTruth } from '../../bench/sections/oracle-ap-input.js';

describe('syntheticPersons', () => {
  it('is seeded: the same seed gives the same dataset, another seed another one', () => {
    expect(syntheticPersons({ seed: 3 })).toEqual(syntheticPersons({ seed: 3 }));
    expect(syntheticPersons({ seed: 3 })).not.toEqual(syntheticPersons({ seed: 4 }));
  });

  it('holds the asked persons, 17 keypoints each, bboxes inside 640×480, a valid COCO keypoint dataset', () => {
    const gt = syntheticPersons({ persons: 20, perImage: 3, seed: 1 });
    expect(gt.annotations).toHaveLength(20);
    expect(gt.images).toHaveLength(7);
    for (const a of gt.annotations) {
      expect(a.keypoints).toHaveLength(3 * PERSON_TEMPLATE.length);
      const [x, y, w, h] = a.bbox;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(x + w).toBeLessThanOrEqual(640);
      expect(y + h).toBeLessThanOrEqual(480);
      expect(a.num_keypoints).toBe(a.keypoints.filter((v, i) => i % 3 === 2 && v > 0).length);
    }
    expect(() => checkOracleGroundTruth(gt)).not.toThrow();
  });

  it('PERSON_TEMPLATE is deep-frozen', () => {
    expect(Object.isFrozen(PERSON_TEMPLATE)).toBe(true);
    expect(PERSON_TEMPLATE.every((p) => Object.isFrozen(p))).toBe(true);
  });
});
