import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elfMachineOf, findUnresolvedNativeLibraries, unresolvedLibraries } from '../../electron/host/native-libraries.ts';

/** The first 20 bytes of a little-endian ELF file for `machine` (62 = x86-64, 183 = AArch64). */
function elfHeader(machine: number): Buffer {
  const header = Buffer.alloc(20);
  header.set([0x7f, 0x45, 0x4c, 0x46, 2, 1], 0);
  header.writeUInt16LE(machine, 18);
  return header;
}

const lddWith = (libs: Record<string, string>) =>
  Object.entries(libs)
    .map(([name, where]) => `\t${name} => ${where}`)
    .join('\n');

describe('native library check', () => {
  it('reads the machine of an ELF header and refuses other files', () => {
    expect(elfMachineOf(elfHeader(62))).toBe(62);
    expect(elfMachineOf(Buffer.from('MZ\x90\x00 a Windows DLL header'))).toBeNull();
    expect(elfMachineOf(Buffer.alloc(4))).toBeNull();
  });

  it('lists the libraries ldd cannot find', () => {
    const output = lddWith({ 'libusb-1.0.so.0': 'not found', 'libc.so.6': '/lib/x86_64-linux-gnu/libc.so.6 (0x1)', 'libudev.so.1': 'not found' });
    expect(unresolvedLibraries(output)).toEqual(['libusb-1.0.so.0', 'libudev.so.1']);
  });

  it('names each add-on built for this machine that misses a library, and skips builds for other systems', async () => {
    const root = mkdtempSync(join(tmpdir(), 'passage-native-'));
    const files = {
      'node-hid/prebuilds/HID-linux-x64/node.napi.node': elfHeader(62),
      'node-hid/prebuilds/HID-linux-arm64/node.napi.node': elfHeader(183),
      'node-hid/prebuilds/HID-win32-x64/node.napi.node': Buffer.from('MZ not an ELF file at all'),
      'serial/prebuilds/linux-x64/bindings.musl.node': elfHeader(62),
      'sqlite/build/Release/sqlite.node': elfHeader(62),
    };
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), bytes);
    }
    const ldd = async (path: string) => {
      if (path.includes('HID-linux-x64')) return lddWith({ 'libusb-1.0.so.0': 'not found', 'libc.so.6': '/lib/libc.so.6' });
      if (path.includes('musl')) return lddWith({ 'libc.musl-x86_64.so.1': 'not found' });
      if (path.includes('arm64') || path.includes('win32')) throw new Error(`ldd must not run on ${path}`);
      return lddWith({ 'libc.so.6': '/lib/libc.so.6' });
    };
    const problems = await findUnresolvedNativeLibraries(root, { arch: 'x64', ldd });
    expect(problems).toEqual([{ file: 'node-hid/prebuilds/HID-linux-x64/node.napi.node', missing: ['libusb-1.0.so.0'] }]);
  });

  it('finds every add-on of this repository loadable', async () => {
    expect(await findUnresolvedNativeLibraries(join(import.meta.dirname, '../../node_modules'))).toEqual([]);
  });
});
