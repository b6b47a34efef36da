/** Table labels of the benchmark's ids (resolutions, target sources, decoders). */
import { RESOLUTIONS } from '../settings.js';
import { TARGET_SOURCES } from '../sections/quantization.js';
import { BENCH_DECODERS } from '../workload/decoders.js';

/** Label of a resolution id (`64x48-s2` → `64×48 σ=2`); the id itself when unknown. */
export const resLabel = (id: string): string => RESOLUTIONS.find((r) => r.id === id)?.label ?? id;
/** Label of a target source (encoder) id; the id itself when unknown. */
export const srcLabel = (id: string): string => TARGET_SOURCES.find((s) => s.id === id)?.label ?? id;
/** Label of a decoder id; the id itself when unknown. */
export const decLabel = (id: string): string => BENCH_DECODERS.find((d) => d.id === id)?.label ?? id;
