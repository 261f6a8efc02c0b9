import type { CliCommand } from './command.ts';

/** Placeholder until the OCR helper's command lands (it replaces this file). */
export const mrzOcrCommand: CliCommand = {
  name: 'mrz ocr',
  summary: 'read the MRZ from an image',
  usage: 'usage: passage mrz ocr IMAGE\n',
  async run(_argv, io) {
    io.stderr.write('OCR is not available in this build\n');
    return 2;
  },
};
