import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../drivers/mrz/index.ts';
import { renderDocumentImage } from '../../drivers/ocr/index.ts';
import { screenshot } from './support/browser.ts';
import { writeDocumentClip } from './support/document-clip.ts';
import { useKiosk } from './support/kiosk-under-test.ts';

// Live capture on the camera screen (docs/ocr.md "Live capture"): Chromium's fake camera plays a clip of the
// specimen passport page held too far away, then brought into place and held still. The kiosk reads frame
// after frame, tells the traveller to move closer, and captures the document by itself once two consecutive
// frames agree with every check digit holding. The specimen holder is seeded as MATCH in the platform simulator.
const specimen = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'];

const dir = mkdtempSync(join(tmpdir(), 'passage-live-capture-'));
const dataDir = join(dir, 'data');
const video = join(dir, 'moving-into-place.y4m');
const page = await renderDocumentImage(specimen, { rng: seededRng(7), dpi: 300, quality: 'clean', vizLines: ['ERIKSSON', 'ANNA MARIA'] });
await writeDocumentClip(page.image, video);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const k = useKiosk(
  { dataDir, language: { default: 'en' }, services: [] },
  {
    chromiumArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    prepare: (p) =>
      p.addInitScript(() => {
        // Every piece of advice the page shows, in order, and every stream it opens.
        const w = window as unknown as { __advice: string[]; __streams: MediaStream[] };
        w.__advice = [];
        w.__streams = [];
        const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = async (constraints) => {
          const stream = await original(constraints);
          w.__streams.push(stream);
          return stream;
        };
        new MutationObserver(() => {
          const advice = document.querySelector<HTMLElement>('[data-testid="camera-guidance"]')?.dataset['guidance'];
          if (advice && w.__advice.at(-1) !== advice) w.__advice.push(advice);
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-guidance'] });
      }),
  },
);

/** Files under `root` that hold an image: a JPEG, PNG or PGM signature at the start. */
function imageFiles(root: string): string[] {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return entries
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => {
      const head = readFileSync(file).subarray(0, 4);
      return (head[0] === 0xff && head[1] === 0xd8) || head.toString('latin1') === '\x89PNG' || head.subarray(0, 2).toString('latin1') === 'P5';
    });
}

describe('live capture with the camera', () => {
  it('tells the traveller to move closer, then captures the document by itself once it is held still', async () => {
    const { page: p, kiosk } = k;
    await p.getByTestId('start').tap();
    await k.waitForScreen('document');
    await p.getByTestId('use-camera').tap();
    await p.getByTestId('camera-preview').waitFor();
    // The page held far away: the zone is found but too small to read.
    await p.locator('[data-testid="camera-guidance"][data-guidance="moveCloser"]').waitFor({ timeout: 30_000 });
    await expect(p.getByTestId('camera-guidance').textContent()).resolves.toContain('Move the document closer');
    await screenshot(p, 'camera-move-closer-en');
    // Nobody taps anything: the kiosk captures on its own.
    await k.waitForScreen('holder', 60_000);
    await expect(p.getByTestId('holder-name').textContent()).resolves.toBe('ERIKSSON, ANNA MARIA');
    await p.getByTestId('holder-verified').waitFor();
    const advice = await p.evaluate(() => (window as unknown as { __advice: string[] }).__advice);
    expect(advice[0]).not.toBe('holdStill');
    expect(advice).toContain('moveCloser');
    // The camera is released once the document is captured.
    const live = await p.evaluate(() => (window as unknown as { __streams: MediaStream[] }).__streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length);
    expect(live).toBe(0);
    // The kiosk logs the capture without the document number, and keeps no frame on disk.
    expect(kiosk.output()).toContain('document read');
    expect(kiosk.output()).not.toContain('L898902C3');
    expect(imageFiles(dataDir)).toEqual([]);
  });
});
