import type { Language } from '../../../electron/contract/index.ts';

/**
 * What speech mode and the low-vision controls say and show, in the four languages (docs/accessibility.md).
 * A catalogue of its own, apart from the screens' words: these describe controls and keys, not the transaction.
 */
const en = {
  'speech.on': 'Speech is on. Use the up and down arrows to move, Enter to choose, and the help key to hear the keys.',
  'attract.keys': 'Press Enter to start. Use the up and down arrows to choose a language.',
  'keys.guide': 'Up and down arrows: move. Left and right arrows: move within a row. Enter: choose. Back key: go back. Help key: hear this again. Plus and minus: volume. F2: pause. F3: blank the screen.',
  'state.selected': 'selected',
  'state.unavailable': 'not available',
  'state.on': 'on',
  'state.off': 'off',
  'seat.free': 'free',
  'seat.occupied': 'taken',
  'seat.blocked': 'not available',
  'seat.mine': 'chosen',
  'volume.is': 'Volume {n} of {max}',
  'back.none': 'There is no going back from this screen.',
  'blank.on': 'The screen is blank. Everything still works with the keys. Press F3 to show it again.',
  'blank.off': 'The screen is showing.',
  'largeText': 'Large text',
  'highContrast': 'High contrast',
  'blank': 'Blank the screen',
  'blank.show': 'Show the screen',
  'toolbar': 'Display',
} as const;

type Key = keyof typeof en;
export type A11yMessageKey = Key;

const catalogues: Record<Language, Record<Key, string>> = {
  en,
  'zh-Hans': {
    'speech.on': '语音已开启。用上下方向键移动，按确认键选择，按帮助键收听按键说明。',
    'attract.keys': '按确认键开始。用上下方向键选择语言。',
    'keys.guide': '上下方向键：移动。左右方向键：在一行内移动。确认键：选择。返回键：返回。帮助键：再听一遍。加号和减号：音量。F2：暂停。F3：关闭屏幕显示。',
    'state.selected': '已选',
    'state.unavailable': '不可用',
    'state.on': '开',
    'state.off': '关',
    'seat.free': '空位',
    'seat.occupied': '已占',
    'seat.blocked': '不可选',
    'seat.mine': '已选',
    'volume.is': '音量 {n}，最大 {max}',
    'back.none': '此页面无法返回。',
    'blank.on': '屏幕已关闭显示，按键仍可使用。按 F3 恢复显示。',
    'blank.off': '屏幕已恢复显示。',
    'largeText': '大字体',
    'highContrast': '高对比度',
    'blank': '关闭屏幕显示',
    'blank.show': '恢复屏幕显示',
    'toolbar': '显示',
  },
  'zh-Hant': {
    'speech.on': '語音已開啟。用上下方向鍵移動，按確認鍵選擇，按說明鍵收聽按鍵說明。',
    'attract.keys': '按確認鍵開始。用上下方向鍵選擇語言。',
    'keys.guide': '上下方向鍵：移動。左右方向鍵：在一行內移動。確認鍵：選擇。返回鍵：返回。說明鍵：再聽一遍。加號和減號：音量。F2：暫停。F3：關閉螢幕顯示。',
    'state.selected': '已選',
    'state.unavailable': '不可用',
    'state.on': '開',
    'state.off': '關',
    'seat.free': '空位',
    'seat.occupied': '已佔',
    'seat.blocked': '不可選',
    'seat.mine': '已選',
    'volume.is': '音量 {n}，最大 {max}',
    'back.none': '此頁面無法返回。',
    'blank.on': '螢幕已關閉顯示，按鍵仍可使用。按 F3 恢復顯示。',
    'blank.off': '螢幕已恢復顯示。',
    'largeText': '大字體',
    'highContrast': '高對比度',
    'blank': '關閉螢幕顯示',
    'blank.show': '恢復螢幕顯示',
    'toolbar': '顯示',
  },
  pt: {
    'speech.on': 'A voz está ligada. Use as setas para cima e para baixo para mover, Enter para escolher e a tecla de ajuda para ouvir as teclas.',
    'attract.keys': 'Prima Enter para começar. Use as setas para cima e para baixo para escolher a língua.',
    'keys.guide': 'Setas para cima e para baixo: mover. Setas para a esquerda e para a direita: mover numa fila. Enter: escolher. Tecla de voltar: voltar. Tecla de ajuda: ouvir de novo. Mais e menos: volume. F2: pausa. F3: apagar o ecrã.',
    'state.selected': 'escolhido',
    'state.unavailable': 'indisponível',
    'state.on': 'ligado',
    'state.off': 'desligado',
    'seat.free': 'livre',
    'seat.occupied': 'ocupado',
    'seat.blocked': 'indisponível',
    'seat.mine': 'escolhido',
    'volume.is': 'Volume {n} de {max}',
    'back.none': 'Neste ecrã não é possível voltar.',
    'blank.on': 'O ecrã está apagado. Tudo continua a funcionar com as teclas. Prima F3 para o mostrar.',
    'blank.off': 'O ecrã está visível.',
    'largeText': 'Letra grande',
    'highContrast': 'Alto contraste',
    'blank': 'Apagar o ecrã',
    'blank.show': 'Mostrar o ecrã',
    'toolbar': 'Ecrã',
  },
};

export function a11yText(language: Language, key: A11yMessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return catalogues[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
