import type { Language } from '../../../electron/contract/index.ts';
import { simulatedAccounts } from '../../../electron/staff/staff-accounts.ts';
import type { KioskProcess } from './kiosk-process.ts';
import { withKioskSocket } from './kiosk-socket.ts';

/** The account a simulated kiosk is seeded with whose role may put the kiosk back in service. */
const agent = simulatedAccounts.find((a) => a.role === 'agent');

/**
 * Ends whatever the kiosk is doing, with the commands a traveller and staff have (cancel; staff log in with the
 * seeded agent account, put the kiosk in service again, close): no session, staff mode closed, in service,
 * `language` chosen, attract.
 */
export async function backToStart(kiosk: KioskProcess, start: { language: Language }): Promise<void> {
  if (!agent) throw new Error('a simulated kiosk has no seeded agent account');
  await withKioskSocket(kiosk, async (socket) => {
    if (socket.state().outOfService) {
      // Whoever is logged in may lack the permission: log in afresh as the agent.
      if (socket.state().maintenance?.step === 'panel') {
        socket.send({ type: 'maintenance', action: { type: 'close' } });
        await socket.until((s) => s.maintenance === null, 'maintenance closed');
      }
      if (socket.state().maintenance === null) socket.send({ type: 'maintenance', action: { type: 'open' } });
      await socket.until((s) => s.maintenance?.step === 'login', 'the staff login');
      socket.send({ type: 'maintenance', action: { type: 'login', id: agent.id, pin: agent.pin } });
      await socket.until((s) => s.maintenance?.step === 'panel', 'the maintenance panel');
      socket.send({ type: 'maintenance', action: { type: 'setOutOfService', value: false } });
      await socket.until((s) => !s.outOfService, 'in service');
    }
    if (socket.state().maintenance !== null) {
      socket.send({ type: 'maintenance', action: { type: 'close' } });
      await socket.until((s) => s.maintenance === null, 'maintenance closed');
    }
    if (socket.state().screen.name !== 'attract') {
      socket.send({ type: 'cancel' });
      await socket.until((s) => s.screen.name === 'attract', 'the attract screen');
    }
    if (socket.state().language !== start.language) {
      socket.send({ type: 'setLanguage', language: start.language });
      await socket.until((s) => s.language === start.language, `language ${start.language}`);
    }
    await socket.until(
      (s) => s.screen.name === 'attract' && s.maintenance === null && !s.outOfService && !s.assistance && s.language === start.language,
      'the start: attract, in service, no staff mode, default language',
    );
  });
}

/** The simulators every simulated kiosk has, back to their start: reader plugged, both printers ready and empty. */
export async function resetDevices(kiosk: KioskProcess): Promise<void> {
  for (const path of ['/reader/plug', '/printer/paper-in', '/printer/online', '/printer/clear', '/bag-tag-printer/paper-in', '/bag-tag-printer/online', '/bag-tag-printer/clear']) {
    await must(kiosk, path);
  }
}

/** The identity platform simulator answering again: no faults, nothing held. */
export async function resetPlatform(kiosk: KioskProcess): Promise<void> {
  await must(kiosk, '/platform/faults/clear');
  await must(kiosk, '/platform/hold', { hold: false });
}

/** A control request that must succeed (a reset that silently fails would leave the next test a wrong start). */
export async function must(kiosk: KioskProcess, path: string, body?: unknown): Promise<unknown> {
  const res = await kiosk.sim(path, body);
  if (res.status !== 200) throw new Error(`POST /sim${path} answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json;
}
