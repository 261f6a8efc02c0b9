import { SerialPortMock } from 'serialport';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer.ts';
import { createGb18030Encoder } from '../../drivers/printer/gb18030.ts';
import { PreviewPrinter } from '../../drivers/printer/preview-printer.ts';
import { SimulatedPrinter } from '../../drivers/printer/simulated-printer.ts';
import { describePrinterContract } from './printer.contract.ts';
import { FakeEscPosDevice } from './fake-escpos-device.ts';

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

let ports = 0;
const gb18030 = createGb18030Encoder();
describePrinterContract('ESC/POS over serial (SerialPortMock)', async () => {
  SerialPortMock.binding.reset();
  const device = new FakeEscPosDevice(`/dev/ttyPRN${++ports}`);
  const printer = new EscPosPrinter({ id: 'bpp', transport: device.transport(), statusTimeoutMs: 40, pollMs: 10, gb18030 });
  return {
    printer,
    faults: {
      paperOut: () => (device.paper = false),
      paperIn: () => (device.paper = true),
      offline: () => (device.responsive = false),
      online: () => (device.responsive = true),
      paperOutDuringNextJob: () => (device.paperOutDuringNextJob = true),
    },
    close: () => printer.stop(),
  };
});

describePrinterContract('PNG preview', async () => {
  const printer = new PreviewPrinter({ id: 'preview' });
  return { printer, close: () => printer.stop() };
});
