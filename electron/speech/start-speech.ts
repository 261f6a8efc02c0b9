import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import { speechSimRoutes } from '../../drivers/sim/speech-routes.ts';
import { EvdevHeadset } from '../../drivers/headset/evdev-headset.ts';
import type { HeadsetJack } from '../../drivers/headset/headset-jack.ts';
import { SimulatedHeadset } from '../../drivers/headset/simulated-headset.ts';
import { openEspeakSpeech } from '../../drivers/speech/espeak-speech.ts';
import { SimulatedSpeech } from '../../drivers/speech/simulated-speech.ts';
import type { SpeechOutput } from '../../drivers/speech/speech-output.ts';
import type { AccessSettings } from '../session/accessible-mode.ts';
import type { Logger } from '../log/logger.ts';
import type { AccessibilityConfig } from './accessibility-config.ts';

export interface SpeechMode {
  readonly speech: SpeechOutput;
  /** Absent when the kiosk has no jack to watch: speech mode then starts by keypad. */
  readonly headset: HeadsetJack | null;
  readonly settings: AccessSettings;
  /** The simulators' control routes; empty for real adapters. */
  readonly simRoutes: readonly SimRoute[];
  close(): Promise<void>;
}

export interface SpeechModeDeps {
  readonly mode: 'simulated' | 'real';
  readonly logger: Logger;
  /** The jack could not be read: staff should know (maintenance alert). */
  readonly onFault?: (reason: string) => void;
}

type SpeechConfig = NonNullable<AccessibilityConfig['speech']>;
type HeadsetConfig = NonNullable<AccessibilityConfig['headset']>;

/** Builds the voice and the headphone jack the configuration names (docs/accessibility.md "Configuration"). */
export async function startSpeechMode(config: AccessibilityConfig, deps: SpeechModeDeps): Promise<SpeechMode> {
  const simulated = deps.mode === 'simulated';
  const speechConfig: SpeechConfig = config.speech ?? (simulated ? { engine: 'simulated', msPerCharacter: 0 } : { engine: 'espeak-ng', binary: 'espeak-ng', voices: {}, wordsPerMinute: 175 });
  const headsetConfig: HeadsetConfig = config.headset ?? (simulated ? { kind: 'simulated' } : { kind: 'none' });
  const voice = await openVoice(speechConfig);
  const jack = openJack(headsetConfig, deps);
  deps.logger.info({ speech: speechConfig.engine, headset: headsetConfig.kind }, 'speech mode ready');
  return {
    speech: voice.speech,
    headset: jack.headset,
    settings: {
      defaultVolume: config.defaultVolume,
      idleTimeoutMs: config.idleTimeoutSeconds * 1000,
      idleWarningMs: config.idleWarningSeconds * 1000,
    },
    simRoutes: speechSimRoutes({ ...(voice.simulated ? { speech: voice.simulated } : {}), ...(jack.simulated ? { headset: jack.simulated } : {}) }),
    close: async () => {
      await jack.headset?.close();
      await voice.speech.close();
    },
  };
}

async function openVoice(config: SpeechConfig): Promise<{ speech: SpeechOutput; simulated: SimulatedSpeech | null }> {
  if (config.engine === 'simulated') {
    const speech = new SimulatedSpeech({ msPerCharacter: config.msPerCharacter });
    return { speech, simulated: speech };
  }
  const voices = Object.fromEntries(Object.entries(config.voices).filter(([, v]) => v !== undefined));
  const speech = await openEspeakSpeech({ binary: config.binary, voices, wordsPerMinute: config.wordsPerMinute, ...(config.player ? { player: config.player } : {}) });
  return { speech, simulated: null };
}

function openJack(config: HeadsetConfig, deps: SpeechModeDeps): { headset: HeadsetJack | null; simulated: SimulatedHeadset | null } {
  switch (config.kind) {
    case 'simulated': {
      const headset = new SimulatedHeadset();
      return { headset, simulated: headset };
    }
    case 'evdev': {
      const onFault = (reason: string) => {
        deps.logger.warn({ reason }, 'headset jack cannot be read: speech mode starts by keypad only');
        deps.onFault?.(`headset jack: ${reason}`);
      };
      return { headset: new EvdevHeadset({ path: config.path, onFault }), simulated: null };
    }
    case 'none':
      return { headset: null, simulated: null };
  }
}
