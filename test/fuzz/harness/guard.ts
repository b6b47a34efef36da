/**
 * Allocation guard for the campaign worker: typed-array, ArrayBuffer and Buffer
 * constructors are wrapped (Proxy, so `instanceof` still works) to throw an
 * {@link AbsurdAllocation} for any single allocation over the library's 1 GiB
 * cap — a size that was not validated before allocating. Installed before the
 * library bundle is loaded.
 */
export const CAP_BYTES = 2 ** 30;

/** Thrown by the guard; the campaign classifies it as an absurd allocation. */
export class AbsurdAllocation extends Error {
  override name = 'AbsurdAllocation';
}

const TYPED = ['Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'] as const;

function bytesOf(first: unknown, per: number): number {
  if (typeof first === 'number') return first * per;
  if (first !== null && typeof first === 'object' && !ArrayBuffer.isView(first) && !(first instanceof ArrayBuffer)) {
    const len = (first as { length?: unknown }).length;
    if (typeof len === 'number') return len * per;
  }
  return 0;
}

/** Install the guard on `globalThis` (idempotent). */
export function installAllocationGuard(): void {
  const g = globalThis as Record<string, any>;
  if (g.__fuzzGuard) return;
  g.__fuzzGuard = true;
  for (const name of [...TYPED, 'ArrayBuffer']) {
    const T = g[name];
    const per = T.BYTES_PER_ELEMENT ?? 1;
    const P: any = new Proxy(T, {
      construct(t, args, nt) {
        const b = bytesOf(args[0], per);
        if (b > CAP_BYTES) throw new AbsurdAllocation(`new ${name}(${String(args[0]).slice(0, 40)}) asks for ${(b / 2 ** 30).toFixed(1)} GiB, over the 1 GiB cap`);
        return Reflect.construct(t, args, nt === P ? t : nt);
      },
    });
    g[name] = P;
  }
  const B = g.Buffer;
  if (B) {
    for (const m of ['alloc', 'allocUnsafe', 'allocUnsafeSlow']) {
      const f = B[m].bind(B);
      B[m] = (n: number, ...rest: unknown[]) => {
        if (typeof n === 'number' && n > CAP_BYTES) throw new AbsurdAllocation(`Buffer.${m}(${n}) over the 1 GiB cap`);
        return f(n, ...rest);
      };
    }
  }
  const A = g.Array;
  const PA: any = new Proxy(A, {
    construct(t, args, nt) {
      if (args.length === 1 && typeof args[0] === 'number' && args[0] > 2 ** 27) throw new AbsurdAllocation(`new Array(${args[0]}) over the 1 GiB cap`);
      return Reflect.construct(t, args, nt === PA ? t : nt);
    },
    apply(t, thisArg, args) {
      if (args.length === 1 && typeof args[0] === 'number' && args[0] > 2 ** 27) throw new AbsurdAllocation(`Array(${args[0]}) over the 1 GiB cap`);
      return Reflect.apply(t, thisArg, args);
    },
  });
  g.Array = PA;
}
