import { documentReaderContract } from './document-reader.contract.ts';
import { hidHarness, ptyHarness, serialMockHarnessFor, simulatedHarness } from './harnesses.ts';

documentReaderContract('simulated reader', simulatedHarness);
documentReaderContract('serial reader over SerialPortMock (access-is)', serialMockHarnessFor('access-is'));
documentReaderContract('serial reader over SerialPortMock (3m-rte)', serialMockHarnessFor('3m-rte'));
documentReaderContract('serial reader over SerialPortMock (cn-json)', serialMockHarnessFor('cn-json'));
documentReaderContract('serial reader over SerialPortMock (desko-cute)', serialMockHarnessFor('desko-cute'));
documentReaderContract('serial reader over SerialPortMock (elyctis)', serialMockHarnessFor('elyctis'));
documentReaderContract('serial reader over SerialPortMock (lines)', serialMockHarnessFor('lines'));
documentReaderContract('Access-IS HID reader over a fake HID bus', hidHarness);
documentReaderContract('serial reader over a kernel pty pair (socat)', ptyHarness);
