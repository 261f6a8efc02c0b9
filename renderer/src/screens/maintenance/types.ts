import type { MaintenanceAction, MaintenanceView } from '../../../../electron/contract/index.ts';
import type { MessageKey } from '../../i18n/index.ts';

/** What every panel page is given: the panel's view, the translator and the way to send a staff action. */
export type PanelView = Extract<MaintenanceView, { step: 'panel' }>;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
export type Send = (action: MaintenanceAction) => void;

export const clockTime = (at: number): string => new Date(at).toLocaleTimeString();
