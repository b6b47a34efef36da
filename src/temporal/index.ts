/** posecodec/temporal: One Euro and velocity filters, pose trackers and offline smoothers (casiez, tfjs-models, mmpose 0.x parity). */
export {};
