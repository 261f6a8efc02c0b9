import { z } from 'zod';
import type { SimulatedHeadset } from '../headset/simulated-headset.ts';
import type { SimulatedSpeech } from '../speech/simulated-speech.ts';
import { simRoute, type SimRoute } from './sim-route.ts';

export const headsetBody = z.strictObject({ plugged: z.boolean() });

/**
 * Control-API routes of speech mode's simulators (docs/accessibility.md "Simulation"): what the simulated voice
 * said (`GET /sim/speech` → `{ utterances: [{ lang, text }], volume, paused }`), clearing it, and the headphone
 * jack. Only the simulators given get routes.
 */
export function speechSimRoutes(simulated: { speech?: SimulatedSpeech; headset?: SimulatedHeadset }): SimRoute[] {
  const { speech, headset } = simulated;
  return [
    ...(speech
      ? [
          simRoute({ method: 'GET', path: '/speech', handle: () => speech.transcript() }),
          simRoute({ method: 'POST', path: '/speech/clear', handle: () => { speech.clear(); return { ok: true }; } }),
        ]
      : []),
    ...(headset ? [simRoute({ method: 'POST', path: '/audio/headset', body: headsetBody, handle: (b) => { headset.plug(b.plugged); return { ok: true }; } })] : []),
  ];
}
