import type { Language } from '../../../electron/contract/index.ts';
import type { Messages } from '../i18n/messages.ts';

/**
 * What speech mode and the low-vision controls say and show, in the four catalogues (docs/accessibility.md).
 * Keys start with `a11y.`: they describe controls and keys, not the transaction.
 */
const en = {
  'a11y.speech.on': 'Speech is on. Use the up and down arrows to move, Enter to choose, and the help key to hear the keys.',
  'a11y.attract.keys': 'Press Enter to start. Use the up and down arrows to choose a language.',
  'a11y.keys.guide': 'Up and down arrows: move. Left and right arrows: move within a row. Enter: choose. Back key: go back. Help key: hear this again. Plus and minus: volume. F2: pause. F3: blank the screen.',
  'a11y.state.selected': 'selected',
  'a11y.state.unavailable': 'not available',
  'a11y.state.on': 'on',
  'a11y.state.off': 'off',
  'a11y.volume.is': 'Volume {n} of {max}',
  'a11y.back.none': 'There is no going back from this screen.',
  'a11y.blank.on': 'The screen is blank. Everything still works with the keys. Press F3 to show it again.',
  'a11y.blank.off': 'The screen is showing.',
  'a11y.largeText': 'Large text',
  'a11y.highContrast': 'High contrast',
  'a11y.blank': 'Blank the screen',
  'a11y.toolbar': 'Display',
};

const zhHans: Messages<typeof en> = {
  'a11y.speech.on': '语音已开启。用上下方向键移动，按确认键选择，按帮助键收听按键说明。',
  'a11y.attract.keys': '按确认键开始。用上下方向键选择语言。',
  'a11y.keys.guide': '上下方向键：移动。左右方向键：在一行内移动。确认键：选择。返回键：返回。帮助键：再听一遍。加号和减号：音量。F2：暂停。F3：关闭屏幕显示。',
  'a11y.state.selected': '已选',
  'a11y.state.unavailable': '不可用',
  'a11y.state.on': '开',
  'a11y.state.off': '关',
  'a11y.volume.is': '音量 {n}，最大 {max}',
  'a11y.back.none': '此页面无法返回。',
  'a11y.blank.on': '屏幕已关闭显示，按键仍可使用。按 F3 恢复显示。',
  'a11y.blank.off': '屏幕已恢复显示。',
  'a11y.largeText': '大字体',
  'a11y.highContrast': '高对比度',
  'a11y.blank': '关闭屏幕显示',
  'a11y.toolbar': '显示',
};

const zhHant: Messages<typeof en> = {
  'a11y.speech.on': '語音已開啟。用上下方向鍵移動，按確認鍵選擇，按說明鍵收聽按鍵說明。',
  'a11y.attract.keys': '按確認鍵開始。用上下方向鍵選擇語言。',
  'a11y.keys.guide': '上下方向鍵：移動。左右方向鍵：在一行內移動。確認鍵：選擇。返回鍵：返回。說明鍵：再聽一遍。加號和減號：音量。F2：暫停。F3：關閉螢幕顯示。',
  'a11y.state.selected': '已選',
  'a11y.state.unavailable': '不可用',
  'a11y.state.on': '開',
  'a11y.state.off': '關',
  'a11y.volume.is': '音量 {n}，最大 {max}',
  'a11y.back.none': '此頁面無法返回。',
  'a11y.blank.on': '螢幕已關閉顯示，按鍵仍可使用。按 F3 恢復顯示。',
  'a11y.blank.off': '螢幕已恢復顯示。',
  'a11y.largeText': '大字體',
  'a11y.highContrast': '高對比度',
  'a11y.blank': '關閉螢幕顯示',
  'a11y.toolbar': '顯示',
};

const pt: Messages<typeof en> = {
  'a11y.speech.on': 'A voz está ligada. Use as setas para cima e para baixo para mover, Enter para escolher e a tecla de ajuda para ouvir as teclas.',
  'a11y.attract.keys': 'Prima Enter para começar. Use as setas para cima e para baixo para escolher a língua.',
  'a11y.keys.guide': 'Setas para cima e para baixo: mover. Setas para a esquerda e para a direita: mover numa fila. Enter: escolher. Tecla de voltar: voltar. Tecla de ajuda: ouvir de novo. Mais e menos: volume. F2: pausa. F3: apagar o ecrã.',
  'a11y.state.selected': 'escolhido',
  'a11y.state.unavailable': 'indisponível',
  'a11y.state.on': 'ligado',
  'a11y.state.off': 'desligado',
  'a11y.volume.is': 'Volume {n} de {max}',
  'a11y.back.none': 'Neste ecrã não é possível voltar.',
  'a11y.blank.on': 'O ecrã está apagado. Tudo continua a funcionar com as teclas. Prima F3 para o mostrar.',
  'a11y.blank.off': 'O ecrã está visível.',
  'a11y.largeText': 'Letra grande',
  'a11y.highContrast': 'Alto contraste',
  'a11y.blank': 'Apagar o ecrã',
  'a11y.toolbar': 'Ecrã',
};

export const a11yMessages = { en, 'zh-Hans': zhHans, 'zh-Hant': zhHant, pt } as const satisfies Record<Language, Messages<typeof en>>;
