/** Expands the entries into the numbered case list (the same order in every worker). */
import type { CaseInfo, FuzzCase, FuzzContext, FuzzEntry } from './types.js';

export interface Expanded {
  entry: FuzzEntry;
  c: FuzzCase;
  base: boolean;
}

/** All cases of `entries`: for each entry its valid call, one case per parameter variant, then its own cases. */
export function expandCases(entries: readonly FuzzEntry[]): Expanded[] {
  const out: Expanded[] = [];
  for (const entry of entries) {
    if (!entry.skipValid) out.push({ entry, base: true, c: { family: 'valid call', name: 'the valid argument list', expect: 'survive', allowNonFinite: (entry.nonFinite ?? []).some((n) => n.pattern.test('the valid argument list')), args: (ctx: FuzzContext) => entry.valid(ctx) } });
    entry.params.forEach((p, i) => {
      for (const v of p.variants) {
        out.push({
          entry,
          base: false,
          c: {
            family: v.family,
            name: `${p.name} = ${v.label}`,
            expect: v.expect,
            names: v.names ?? p.names,
            allowNonFinite: v.allowNonFinite || (entry.nonFinite ?? []).some((n) => n.pattern.test(`${p.name} = ${v.label}`)),
            args: (ctx: FuzzContext) => {
              const a = entry.valid(ctx).slice();
              while (a.length < i) a.push(undefined);
              a[i] = v.value();
              return a;
            },
          },
        });
      }
    });
    for (const c of entry.cases ?? []) out.push({ entry, base: false, c: { ...c, allowNonFinite: c.allowNonFinite || (entry.nonFinite ?? []).some((n) => n.pattern.test(c.name)) } });
  }
  return out;
}

/** The printable list. */
export function caseInfos(cases: readonly Expanded[]): CaseInfo[] {
  return cases.map((x, id) => ({ id, fn: x.entry.fn, family: x.c.family, name: x.c.name, expect: x.base ? 'valid' : x.c.expect }));
}
