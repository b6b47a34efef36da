/**
 * Reading the CLI's input files safely: regular files only (a directory, FIFO,
 * socket or device such as `/dev/zero` is refused without blocking), size-capped,
 * and for JSON a nesting and object-count cap checked before `JSON.parse`, so
 * that no input can hang the CLI or exhaust the V8 heap. Every failure is a
 * {@link UsageError} (exit 2) naming the file.
 */
import fs from 'node:fs';
import { UsageError, firstLine } from './usage.js';

/** Largest `.npy` read: the library's 1 GiB allocation cap plus room for the header. */
export const MAX_NPY_BYTES = 2 ** 30 + 2 ** 16;
/** Largest JSON read (COCO train2017 person keypoints is 238 MB). */
export const MAX_JSON_BYTES = 2 ** 28;
/** Deepest JSON nesting accepted (COCO files nest 5 deep). */
export const MAX_JSON_DEPTH = 64;
/** Most JSON objects and arrays accepted (COCO train2017 person keypoints has about 1.3 million). */
export const MAX_JSON_CONTAINERS = 2 ** 23;

const CODES: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EPERM: 'permission denied', ELOOP: 'too many symbolic links', ENAMETOOLONG: 'name too long', ENOTDIR: 'a path component is not a directory' };

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Read a whole regular file. Opened non-blocking (a FIFO does not wait for a
 * writer), checked with `fstat` on the open descriptor, read up to `maxBytes`.
 * @param label what the file is, for messages (`heatmaps`, `--gt`)
 * @throws UsageError when the file is missing, unreadable, not a regular file or over `maxBytes`
 */
export function readInputFile(file: string, label: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`${label} ${file}: ${CODES[code] ?? firstLine(e)}`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new UsageError(`${label} ${file}: ${kindOf(st)}, expected a regular file`);
    if (st.size > maxBytes) throw new UsageError(`${label} ${file}: ${st.size} bytes, over the ${maxBytes}-byte limit`);
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < st.size) {
      const got = fs.readSync(fd, buf, n, st.size - n, n);
      if (got === 0) break;
      n += got;
    }
    return n === st.size ? buf : buf.subarray(0, n);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${label} ${file}: cannot read (${firstLine(e)})`);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Scan JSON bytes for nesting depth and container count without parsing
 * (strings and escapes skipped). O(n), no allocation.
 * @returns the maximum depth and the number of objects + arrays
 */
export function jsonShape(bytes: Uint8Array): { depth: number; containers: number } {
  let depth = 0;
  let max = 0;
  let containers = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      containers++;
      if (++depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return { depth: max, containers };
}

/**
 * Read and parse a JSON file within {@link MAX_JSON_BYTES}, {@link MAX_JSON_DEPTH}
 * and {@link MAX_JSON_CONTAINERS}.
 * @throws UsageError naming the file for every failure (I/O, limits, syntax)
 */
export function readJsonFile(file: string, label: string): unknown {
  const bytes = readInputFile(file, label, MAX_JSON_BYTES);
  const { depth, containers } = jsonShape(bytes);
  if (depth > MAX_JSON_DEPTH) throw new UsageError(`${label} ${file}: JSON nested ${depth} deep, over the limit of ${MAX_JSON_DEPTH}`);
  if (containers > MAX_JSON_CONTAINERS) throw new UsageError(`${label} ${file}: ${containers} JSON objects/arrays, over the limit of ${MAX_JSON_CONTAINERS}`);
  try {
    // JSON.parse defines "__proto__" as an ordinary own property: no prototype is ever replaced.
    return JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new UsageError(`${label} ${file}: not valid JSON (${firstLine(e)})`);
  }
}
