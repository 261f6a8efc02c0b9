import { execFile } from 'node:child_process';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Native add-ons (`.node` files) load shared libraries that npm does not install: node-hid needs Debian's
 * `libusb-1.0-0` and `libudev1`, for example. A missing one only shows when the add-on is first loaded, which
 * on a kiosk may be the day a HID reader is plugged in. This finds every add-on this machine would load and
 * asks the dynamic linker (`ldd`) which of its libraries it cannot resolve.
 */

export interface NativeModuleProblem {
  /** The add-on, relative to the folder searched. */
  readonly file: string;
  /** Libraries the dynamic linker cannot find, as `ldd` names them (`libusb-1.0.so.0`). */
  readonly missing: readonly string[];
}

/** ELF `e_machine` of the architectures Node runs on (System V ABI, ELF header). */
const elfMachine: Partial<Record<NodeJS.Architecture, number>> = { x64: 62, arm64: 183, arm: 40, ia32: 3 };

/** The ELF header's machine field, or null when the bytes are not an ELF file (a Windows or macOS build). */
export function elfMachineOf(header: Uint8Array): number | null {
  if (header.length < 20 || header[0] !== 0x7f || header[1] !== 0x45 || header[2] !== 0x4c || header[3] !== 0x46) return null;
  const littleEndian = header[5] === 1;
  return littleEndian ? header[18]! | (header[19]! << 8) : (header[18]! << 8) | header[19]!;
}

/** The libraries `ldd` reports as "not found". */
export function unresolvedLibraries(lddOutput: string): string[] {
  return [...lddOutput.matchAll(/^\s*(\S+)\s+=>\s+not found\s*$/gm)].map((m) => m[1]!);
}

/** A build for musl libc (Alpine) lists musl's libc; on a glibc system its loader would never pick it. */
const builtForOtherLibc = (missing: readonly string[]) => missing.some((lib) => lib.startsWith('libc.musl'));

async function* nativeFiles(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* nativeFiles(path);
    else if (entry.isFile() && entry.name.endsWith('.node')) yield path;
  }
}

async function readHeader(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(20), 0, 20, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

export type Ldd = (path: string) => Promise<string>;

const systemLdd: Ldd = async (path) => {
  try {
    return (await promisify(execFile)('ldd', [path], { encoding: 'utf8' })).stdout;
  } catch (error) {
    // ldd exits non-zero for a file the loader cannot use at all; its report is still on stdout.
    return String((error as { stdout?: string }).stdout ?? '');
  }
};

/**
 * Every add-on under `root` built for this machine's architecture and libc whose libraries do not all
 * resolve. Builds for other systems (prebuilds for Windows, macOS, ARM, musl) are skipped: they are never loaded.
 */
export async function findUnresolvedNativeLibraries(
  root: string,
  options: { arch?: NodeJS.Architecture; ldd?: Ldd } = {},
): Promise<NativeModuleProblem[]> {
  const machine = elfMachine[options.arch ?? process.arch];
  const ldd = options.ldd ?? systemLdd;
  const problems: NativeModuleProblem[] = [];
  for await (const path of nativeFiles(root)) {
    if (elfMachineOf(await readHeader(path)) !== machine) continue;
    const missing = unresolvedLibraries(await ldd(path));
    if (missing.length > 0 && !builtForOtherLibc(missing)) problems.push({ file: path.slice(root.length + 1), missing });
  }
  return problems;
}
