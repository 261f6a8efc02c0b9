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
          simRoute({ method: 'GET', path: '/speech', summary: 'What the simulated voice said: { utterances: [{ lang, text }], volume, paused }.', handle: () => speech.transcript() }),
          simRoute({ method: 'POST', path: '/speech/clear', summary: 'Empties the simulated voice\'s transcript.', handle: () => { speech.clear(); return { ok: true }; } }),
        ]
      : []),
    ...(headset ? [simRoute({ method: 'POST', path: '/audio/headset', summary: 'Plugs a headset into the jack ({ plugged: true }) or pulls it out (false).', body: headsetBody, handle: (b) => { headset.plug(b.plugged); return { ok: true }; } })] : []),
  ];
}
