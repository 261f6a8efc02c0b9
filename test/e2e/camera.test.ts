import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../drivers/mrz/index.ts';
import { encodeY4m, renderDocumentImage } from '../../drivers/ocr/index.ts';
import { screenshot } from './support/browser.ts';
import { useKiosk } from './support/kiosk-under-test.ts';

// The OCR fallback's camera path (docs/ocr.md): Chromium's fake camera shows a generated photo of a passport page; the kiosk reads its
// MRZ by OCR and shows the holder. The specimen holder is seeded as MATCH in the platform simulator.
const specimen = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'];

// Chromium's fake camera plays a generated photo of the specimen passport page.
const dir = mkdtempSync(join(tmpdir(), 'passage-camera-'));
const video = join(dir, 'passport.y4m');
const photo = await renderDocumentImage(specimen, { rng: seededRng(7), dpi: 300, quality: 'clean', vizLines: ['ERIKSSON', 'ANNA MARIA'] });
writeFileSync(video, await encodeY4m(photo.image, { width: 1280, height: 960, frames: 5 }));

const k = useKiosk(
  { language: { default: 'en' }, services: [] },
  {
    chromiumArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    // Record every stream the page opens, so the test can see when the camera is on and that it is released.
    prepare: (page) =>
      page.addInitScript(() => {
        const w = window as unknown as { __streams: MediaStream[] };
        w.__streams = [];
        const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = async (constraints) => {
          const stream = await original(constraints);
          w.__streams.push(stream);
          return stream;
        };
      }),
  },
);
const waitForScreen = (name: string, timeout = 10_000) => k.waitForScreen(name, timeout);

const cameraState = () =>
  k.page.evaluate(() => {
    const streams = (window as unknown as { __streams: MediaStream[] }).__streams;
    return { opened: streams.length, live: streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length };
  });

describe('reading a document with the camera', () => {
  it('offers the camera after a failed read and shows the holder the camera read', async () => {
    const { page, kiosk } = k;
    await kiosk.sim('/reader/fault', { code: 'BAD_FRAME', message: 'worn MRZ' });
    await waitForScreen('unreadable');
    await expect(cameraState()).resolves.toEqual({ opened: 0, live: 0 });
    await page.getByTestId('use-camera').tap();
    await page.getByTestId('camera-preview').waitFor();
    await screenshot(page, 'camera-en');
    await waitForScreen('holder', 30_000);
    await expect(page.getByTestId('holder-name').textContent()).resolves.toBe('ERIKSSON, ANNA MARIA');
    await expect(page.getByTestId('holder-document-number').textContent()).resolves.toBe('L*****2C3');
    await page.getByTestId('holder-verified').waitFor();
    await screenshot(page, 'holder-from-camera-en');
  });

  it('reads a document photo posted to the control API with the same OCR (the scanner path)', async () => {
    const { page, kiosk } = k;
    await page.getByTestId('continue').tap();
    await waitForScreen('attract');
    const res = await kiosk.sim('/ocr/document', { mrz: specimen, quality: 'clean', dpi: 300, seed: 11 });
    expect(res.status).toBe(200);
    await waitForScreen('holder', 30_000);
    await expect(page.getByTestId('holder-name').textContent()).resolves.toBe('ERIKSSON, ANNA MARIA');
  });

  it('releases the camera when the traveller leaves the camera screen', async () => {
    const { page, kiosk } = k;
    await page.getByTestId('continue').tap();
    await waitForScreen('attract');
    await page.getByTestId('start').tap();
    await page.getByTestId('use-camera').tap();
    await page.getByTestId('camera-preview').waitFor();
    await page.waitForFunction(() => (window as unknown as { __streams: MediaStream[] }).__streams.some((s) => s.active));
    await page.getByTestId('close-camera').tap();
    await page.getByTestId('camera-preview').waitFor({ state: 'detached' });
    const after = await cameraState();
    expect(after.opened).toBeGreaterThan(0);
    expect(after.live).toBe(0);
    await page.getByTestId('cancel').tap();
    await waitForScreen('attract');
  });
});
