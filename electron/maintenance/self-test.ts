import type { DeviceStatus } from '../../drivers/device.ts';
import type { Printer } from '../../drivers/printer/printer.ts';

/**
 * Self-tests staff can run from maintenance mode. A printer prints a short test page (text in both scripts,
 * a PDF417 and a cut), which proves paper, head and cutter; any other device reports its current status.
 */
export function createSelfTest(deps: {
  printers: readonly Printer[];
  status: (deviceId: string) => DeviceStatus | undefined;
  now: () => Date;
}): (deviceId: string) => Promise<{ ok: boolean; detail: string }> {
  return async (deviceId) => {
    const printer = deps.printers.find((p) => p.id === deviceId);
    if (printer) {
      const result = await printer.print({
        kind: 'receipt',
        blocks: [
          { type: 'text', text: 'Passage self-test / 自检 / 自我測試', align: 'center', bold: true },
          { type: 'text', text: deps.now().toISOString(), align: 'center' },
          { type: 'barcode', symbology: 'pdf417', data: `SELFTEST ${deviceId}` },
          { type: 'cut' },
        ],
      });
      return result.ok ? { ok: true, detail: `test page printed (job ${result.jobId})` } : { ok: false, detail: `${result.error.code}: ${result.error.message}` };
    }
    const status = deps.status(deviceId);
    if (!status) return { ok: false, detail: 'no such device' };
    return status.state === 'unavailable' ? { ok: false, detail: `${status.code}: ${status.reason}` } : { ok: true, detail: status.state };
  };
}
