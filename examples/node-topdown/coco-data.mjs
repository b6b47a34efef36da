/**
 * The four COCO val2017 images of ../shared/data/coco with their ground truth
 * (test_coco.json: 14 persons, 12 with keypoints) and the real detector boxes
 * (test_coco_det_AP_H_56.json, mmpose's person detections, 118 boxes).
 * JPEGs are decoded with jpeg-js (pure JS; within a few levels of libjpeg-turbo).
 */
import fs from 'node:fs';
import path from 'node:path';
import ndarray from 'ndarray';
import jpeg from 'jpeg-js';
import { COCO_DIR } from './tfjs-node.mjs';

/** Read and decode a JPEG into an RGB `[H, W, 3]` Uint8Array ndarray. */
export function readJpegRgb(file) {
  const { width, height, data } = jpeg.decode(fs.readFileSync(file), { useTArray: true, formatAsRGBA: false });
  return ndarray(data, [height, width, 3]);
}

/**
 * The COCO set: `gt` (the dataset object, for cocoKeypointEval), `images`
 * (`{ id, file, width, height, pixels }` with decoded RGB pixels),
 * `gtBoxes` / `detBoxes` (`{ image_id, bbox [x, y, w, h], score, annId? }`).
 * Decoding the four JPEGs takes ~0.3 s.
 */
export function loadCocoSet(dir = COCO_DIR) {
  const gt = JSON.parse(fs.readFileSync(path.join(dir, 'test_coco.json'), 'utf8'));
  const det = JSON.parse(fs.readFileSync(path.join(dir, 'test_coco_det_AP_H_56.json'), 'utf8'));
  const images = gt.images.map((im) => {
    const file = path.join(dir, im.file_name);
    return { id: im.id, file, width: im.width, height: im.height, pixels: readJpegRgb(file) };
  });
  const gtBoxes = gt.annotations.filter((a) => !a.iscrowd).map((a) => ({ image_id: a.image_id, bbox: a.bbox, score: 1, annId: a.id }));
  const detBoxes = det.filter((d) => d.category_id === 1).map((d) => ({ image_id: d.image_id, bbox: d.bbox, score: d.score }));
  return { gt, images, gtBoxes, detBoxes };
}

/** The GT restricted to some COCO joints (for a network with another skeleton), `num_keypoints` recounted. */
export function gtOnJoints(gt, joints) {
  return {
    ...gt,
    annotations: gt.annotations.map((a) => {
      const kp = joints.flatMap((j) => a.keypoints.slice(3 * j, 3 * j + 3));
      return { ...a, keypoints: kp, num_keypoints: joints.filter((j) => a.keypoints[3 * j + 2] > 0).length };
    }),
  };
}
