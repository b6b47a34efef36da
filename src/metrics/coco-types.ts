/** COCO person-keypoints JSON shapes (cocodataset.org/#format-data), as read by the evaluator. */

/** An image record; only `id` is used. */
export interface CocoImage {
  id: number;
  [key: string]: unknown;
}

/** A category; categories that list `keypoints` names are the ones evaluated. */
export interface CocoCategory {
  id: number;
  name?: string;
  keypoints?: string[];
  [key: string]: unknown;
}

/** A ground-truth person: `keypoints` is the flat list `[x0, y0, v0, …]` (3K numbers, image pixels). */
export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  keypoints: number[];
  /** Visible keypoint count; 0 marks the person as ignored. Default: the count of v > 0. */
  num_keypoints?: number;
  /** Segment area in px² (the OKS scale s²). */
  area: number;
  /** `[x, y, w, h]`. */
  bbox: number[];
  /** 1 for crowd regions (ignored, may match many detections). Default 0. */
  iscrowd?: number | boolean;
  [key: string]: unknown;
}

/** A COCO ground-truth file. */
export interface CocoDataset {
  images: CocoImage[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
  [key: string]: unknown;
}

/** One detection in a COCO keypoint results file. */
export interface CocoKeypointResult {
  image_id: number;
  category_id: number;
  /** Flat `[x0, y0, s0, …]`, 3K numbers (the third value of each triple is not used). */
  keypoints: number[];
  score: number;
  /** When the first result has a non-empty bbox, pycocotools `loadRes` takes every result's area from its bbox. */
  bbox?: number[];
  [key: string]: unknown;
}
