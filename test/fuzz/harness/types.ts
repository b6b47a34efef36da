/** Types of the bad-input campaign: entries (one per public function), cases and outcomes. */

/** What the worker passes to every entry: the three public entry points, loaded from one bundle. */
export interface FuzzContext {
  api: Record<string, any>;
  gpu: Record<string, any>;
  testing: Record<string, any>;
}

/** One call of one function. `args` builds fresh arguments on every call. */
export interface FuzzCase {
  /** Family label, e.g. 'wrong type', 'zero-element huge view', 'extreme: 1x1 map'. */
  family: string;
  /** What this case feeds, e.g. 'heatmaps = "typo"'. */
  name: string;
  args: (ctx: FuzzContext) => unknown[];
  /** 'reject': certainly invalid, must throw a TypeError/RangeError naming `names`. 'survive': valid but extreme, must return finite, well-shaped results or throw a typed error. */
  expect: 'reject' | 'survive';
  names?: RegExp;
  /** survive: extra check of the result; returns a problem description or undefined. */
  check?: (result: unknown, args: unknown[]) => string | undefined;
  /** survive: non-finite numbers in the result are expected (say why in the family or name). */
  allowNonFinite?: boolean;
  /** survive: the case must return (a typed error is a failure). */
  mustReturn?: boolean;
}

/** One public function (or a method of an object a factory returns). */
export interface FuzzEntry {
  /** 'heatmapArgmax', 'gpu.createGpuDecoder', 'createCodec(msra).decode', 'testing.laws.rejects'. */
  fn: string;
  /** The callable (resolved in the worker). */
  target: (ctx: FuzzContext) => ((...args: any[]) => unknown) | Promise<(...args: any[]) => unknown>;
  /** A valid argument list (base of the generated families; must return without throwing). */
  valid: (ctx: FuzzContext) => unknown[];
  /** Parameter specs, one per position, for the generated families. */
  params: ParamSpec[];
  /** Extra, function-specific cases. */
  cases?: FuzzCase[];
  /** Cases (by name pattern) whose results may hold NaN/Infinity, with the reason (a reference quirk reproduced on purpose). */
  nonFinite?: { pattern: RegExp; why: string }[];
  /** Why the valid call is not run (it would change the process, e.g. install a WebGPU global). */
  skipValid?: string;
}

/** A bad or extreme value for one argument position. */
export interface Variant {
  family: string;
  label: string;
  value: () => unknown;
  expect: 'reject' | 'survive';
  /** Regex the message must match (defaults to the parameter's). */
  names?: RegExp;
  allowNonFinite?: boolean;
  /** Replace the whole argument list instead of one position (e.g. option objects). */
}

/** How to fuzz one argument position. */
export interface ParamSpec {
  /** The argument's name as messages should give it. */
  name: string;
  names: RegExp;
  variants: Variant[];
}

/** Failure classes of the summary table. */
export const FAILURE_CLASSES = ['hang', 'oom', 'wrongClass', 'notNamed', 'silent', 'mutation', 'pollution', 'baseThrows'] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];

/** The result of one case, as the worker reports it. */
export interface CaseResult {
  id: number;
  ok: boolean;
  failure?: FailureClass;
  detail?: string;
  ms: number;
}

/** A case as listed by the worker. */
export interface CaseInfo {
  id: number;
  fn: string;
  family: string;
  name: string;
  expect: 'reject' | 'survive' | 'valid';
}
