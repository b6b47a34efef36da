/** Types shared by every area: strided planes and border modes. */

/** A strided plane: element (y, x) is `data[offset + y*sH + x*sW]`. */
export interface Plane {
  data: ArrayLike<number>;
  offset: number;
  sH: number;
  sW: number;
  H: number;
  W: number;
}

export type BorderMode = 'zero' | 'reflect101';
