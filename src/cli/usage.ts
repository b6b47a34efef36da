/** Shared argument parsing for the CLI subcommands. */

/** Bad usage or bad input: the CLI prints the message (one line) and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** True for a {@link UsageError}, also one thrown by another bundle's copy of the class (the bench entry). */
export function isUsageError(e: unknown): boolean {
  return e instanceof UsageError || (e instanceof Error && e.name === 'UsageError');
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/** True when `argv` asks for help (`--help` or `-h` anywhere): the command prints its help and exits 0. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * Parse `--name value`, `--name=value` and boolean `--flag` arguments.
 * @param booleans flags that take no value
 * @param valued flags that take a value
 * @throws UsageError for an unknown option, a value given to a boolean flag or a missing value
 */
export function parseArgs(argv: string[], booleans: readonly string[], valued: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      if (a.length > 1 && a.startsWith('-') && !/^-\d/.test(a)) throw new UsageError(`unknown option ${JSON.stringify(a)}`);
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (booleans.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (valued.includes(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || (eq < 0 && v.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      flags.set(name, v);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positional, flags };
}

/**
 * A decimal integer in `[min, max]` (no sign, exponent or fraction).
 * @param name the flag, for the message (`input-size` → `--input-size must be …`)
 */
export function parseIntArg(name: string, v: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
    const what = min === 1 && max === Number.MAX_SAFE_INTEGER ? 'a positive integer' : `an integer in [${min}, ${max}]`;
    throw new UsageError(`--${name} must be ${what}, got ${JSON.stringify(v)}`);
  }
  return n;
}

/** The first line of an error's message (CLI messages are one line). */
export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
