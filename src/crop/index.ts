/** posecodec/crop: the top-down crop (mmpose TopdownAffine, OpenCV-exact warpAffine), box conversions and image normalisation. */
export {};
