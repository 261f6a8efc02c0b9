import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPortMock } from 'serialport';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer.ts';
import { createGb18030Encoder } from '../../drivers/printer/gb18030.ts';
import { PreviewPrinter } from '../../drivers/printer/preview-printer.ts';
import { SimulatedPrinter } from '../../drivers/printer/simulated-printer.ts';
import { describePrinterContract, type PrinterHarness } from './printer.contract.ts';
import type { ByteTransport } from '../../drivers/printer/byte-transport.ts';
import { FakeEscPosDevice, PtyEscPosDevice, type EscPosDeviceModel } from './fake-escpos-device.ts';
import { startPtyPair } from '../support/pty-pair.ts';

describePrinterContract('simulated printer', async () => {
  const printer = new SimulatedPrinter({ id: 'bpp' });
  return {
    printer,
    faults: {
      paperOut: () => printer.paperOut(),
      paperIn: () => printer.paperIn(),
      offline: () => printer.offline(),
      online: () => printer.online(),
      paperOutDuringNextJob: () => printer.paperOut(3),
    },
    close: () => printer.stop(),
  };
});

// A status answer comes through the event loop; a timeout shorter than a busy machine's pause would call a
// printer that answered NOT_RESPONDING. These devices always answer (offline is an unplug), so the timeout
// only bounds a failing test; the silent printer has its own test (escpos-printer.test.ts).
const statusTimeoutMs = 10_000;

const gb18030 = createGb18030Encoder();

/** An ESC/POS printer on `device`, whose paper the test controls and whose link `offline`/`online` take and give back. */
function escPosHarness(device: EscPosDeviceModel & { transport(): ByteTransport }, link: { offline(): unknown; online(): unknown }, dispose: () => Promise<void> = async () => undefined): PrinterHarness {
  const printer = new EscPosPrinter({ id: 'bpp', transport: device.transport(), statusTimeoutMs, pollMs: 10, gb18030 });
  return {
    printer,
    faults: {
      paperOut: () => void (device.paper = false),
      paperIn: () => void (device.paper = true),
      offline: async () => void (await link.offline()),
      online: async () => void (await link.online()),
      paperOutDuringNextJob: () => void (device.paperOutDuringNextJob = true),
    },
    close: async () => {
      await printer.stop();
      await dispose();
    },
  };
}

let ports = 0;
describePrinterContract('ESC/POS over serial (SerialPortMock)', async () => {
  SerialPortMock.binding.reset();
  const device = new FakeEscPosDevice(`/dev/ttyPRN${++ports}`);
  return escPosHarness(device, { offline: () => device.unplug(), online: () => device.plug() });
});

describePrinterContract('ESC/POS over a kernel pty pair (socat)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'passage-printer-pty-'));
  const device = new PtyEscPosDevice(await startPtyPair(dir));
  return escPosHarness(device, { offline: () => device.pair.kill(), online: () => device.pair.restart() }, async () => {
    await device.pair.kill();
    rmSync(dir, { recursive: true, force: true });
  });
});

describePrinterContract('PNG preview', async () => {
  const printer = new PreviewPrinter({ id: 'preview' });
  return { printer, close: () => printer.stop() };
});
