import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CdpPipe, nulSplitter, type CdpEvent } from '../../electron/shell/cdp-pipe.ts';

function pipe() {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  const written: string[] = [];
  toBrowser.on('data', nulSplitter((text) => written.push(text)));
  return { cdp: new CdpPipe(toBrowser, fromBrowser), fromBrowser, written };
}

describe('CDP over the debugging pipe', () => {
  it('splits NUL-ended messages across and within chunks', () => {
    const seen: string[] = [];
    const feed = nulSplitter((text) => seen.push(text));
    feed(Buffer.from('{"a":1}\0{"b"'));
    feed(Buffer.from(':2}'));
    feed(Buffer.from('\0{"c":"東"}\0'));
    expect(seen).toEqual(['{"a":1}', '{"b":2}', '{"c":"東"}']);
  });

  it('matches replies to commands by id and passes events on with their session', async () => {
    const { cdp, fromBrowser, written } = pipe();
    const events: CdpEvent[] = [];
    cdp.on('event', (e) => events.push(e));
    const navigate = cdp.send('Page.navigate', { url: 'http://127.0.0.1:1/' }, 'S1');
    const version = cdp.send('Browser.getVersion');
    await new Promise((r) => setImmediate(r));
    expect(written.map((w) => JSON.parse(w))).toEqual([
      { id: 1, method: 'Page.navigate', params: { url: 'http://127.0.0.1:1/' }, sessionId: 'S1' },
      { id: 2, method: 'Browser.getVersion', params: {} },
    ]);
    fromBrowser.write('{"method":"Target.targetCrashed","params":{"targetId":"T"}}\0{"id":2,"result":{"product":"Chrome"}}\0');
    fromBrowser.write('{"id":1,"error":{"message":"Cannot navigate"}}\0');
    await expect(version).resolves.toEqual({ product: 'Chrome' });
    await expect(navigate).rejects.toThrow('Cannot navigate');
    expect(events).toEqual([{ method: 'Target.targetCrashed', params: { targetId: 'T' } }]);
  });

  it('fails pending and later commands once the browser has gone', async () => {
    const { cdp, fromBrowser } = pipe();
    let closed = false;
    cdp.on('closed', () => (closed = true));
    const pending = cdp.send('Runtime.evaluate', { expression: '1' });
    fromBrowser.destroy();
    await expect(pending).rejects.toThrow('the browser is gone');
    expect(closed).toBe(true);
    await expect(cdp.send('Page.reload')).rejects.toThrow('the browser is gone');
  });
});
