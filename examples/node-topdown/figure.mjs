/**
 * Pictures of the examples: one SVG per image with side-by-side panels (GT, then each
 * decoder's poses), drawn by posecodec's `renderSkeletonSvg` over one small background
 * JPEG (the image downscaled to `maxWidth` px, re-encoded with jpeg-js, embedded once as a
 * data URL and reused by every panel), so each file stays well under 60 kB.
 */
import jpeg from 'jpeg-js';
import { renderSkeletonSvg } from '../../dist/render/index.js';

/** Box-filter downscale of an RGB `[H, W, 3]` image by an integer-free factor → `{ width, height, data (RGBA) }`. */
function downscale(pixels, maxWidth) {
  const [H, W] = pixels.shape;
  const f = Math.max(1, W / maxWidth);
  const w = Math.round(W / f);
  const h = Math.round(H / f);
  const out = new Uint8Array(w * h * 4);
  const { data, stride, offset } = pixels;
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y * f), y1 = Math.max(y0 + 1, Math.floor((y + 1) * f));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x * f), x1 = Math.max(x0 + 1, Math.floor((x + 1) * f));
      const acc = [0, 0, 0];
      let n = 0;
      for (let yy = y0; yy < Math.min(y1, H); yy++) {
        for (let xx = x0; xx < Math.min(x1, W); xx++) {
          const p = offset + yy * stride[0] + xx * stride[1];
          for (let c = 0; c < 3; c++) acc[c] += data[p + c * stride[2]];
          n++;
        }
      }
      for (let c = 0; c < 3; c++) out[(y * w + x) * 4 + c] = Math.round(acc[c] / n);
      out[(y * w + x) * 4 + 3] = 255;
    }
  }
  return { width: w, height: h, data: out };
}

/** The image as a small JPEG data URL (`maxWidth` px wide, quality 60). */
export function backgroundDataUrl(pixels, maxWidth = 320, quality = 60) {
  const small = downscale(pixels, maxWidth);
  const { data } = jpeg.encode(small, quality);
  return `data:image/jpeg;base64,${Buffer.from(data).toString('base64')}`;
}

/** Inner markup of a `renderSkeletonSvg` document (without its `<svg>` wrapper). */
const inner = (svg) => svg.replace(/^<svg[^>]*>\n?/, '').replace(/\n?<\/svg>$/, '');
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Side-by-side panels over one image: `panels` `[{ title, poses }]`, each pose
 * `{ keypoints: [K, 3] (x, y, score) image px }` (nested arrays). `width`, `height`: the image
 * size (px, the poses' frame); panels are drawn at `scale` (default 320 / width).
 */
export function panelsSvg({ title, width, height, href, panels, scale = 320 / width, scoreThreshold = 0.2 }) {
  const pw = width * scale;
  const ph = height * scale;
  const gap = 6;
  const head = 18;
  const W = panels.length * pw + (panels.length - 1) * gap;
  const H = ph + head;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${W.toFixed(0)}" height="${H.toFixed(0)}" viewBox="0 0 ${W.toFixed(2)} ${H.toFixed(2)}" font-family="sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<defs><image id="bg" href="${href}" xlink:href="${href}" x="0" y="0" width="${width}" height="${height}" preserveAspectRatio="none"/></defs>`,
  ];
  panels.forEach((p, i) => {
    const x = i * (pw + gap);
    parts.push(`<text x="${(x + 2).toFixed(2)}" y="13">${esc(p.title)}</text>`);
    parts.push(`<g transform="translate(${x.toFixed(2)} ${head}) scale(${scale.toFixed(6)})">`, '<use href="#bg" xlink:href="#bg"/>');
    if (p.poses.length) parts.push(inner(renderSkeletonSvg(p.poses, { width, height, scoreThreshold, radius: 2.5 / scale, lineWidth: 1.6 / scale })));
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** COCO GT annotations of an image as poses (v > 0 → score 1, else 0: unlabelled joints are not drawn). */
export function gtPoses(gt, imageId, joints = null) {
  return gt.annotations
    .filter((a) => a.image_id === imageId && a.num_keypoints > 0)
    .map((a) => {
      const js = joints ?? Array.from({ length: a.keypoints.length / 3 }, (_, k) => k);
      return { keypoints: js.map((j) => [a.keypoints[3 * j], a.keypoints[3 * j + 1], a.keypoints[3 * j + 2] > 0 ? 1 : 0]) };
    });
}
