import { describe, expect, it } from 'vitest';
import { spokenText } from '../../electron/session/spoken-text.ts';

describe('masked characters are spoken as such', () => {
  it('spells a masked document number, naming each mask', () => {
    expect(spokenText('E*****678', 'en')).toBe('E, star, star, star, star, star, 6, 7, 8');
  });

  it('spells masked names word after word, with the words around them left as they are', () => {
    expect(spokenText('Guest C*** T** verified', 'en')).toBe('Guest, C, star, star, star, T, star, star, verified');
  });

  it('names the mask in the traveller’s language', () => {
    expect(spokenText('C***', 'zh-Hans')).toBe('C，星号，星号，星号');
    expect(spokenText('C***', 'zh-Hant')).toBe('C，星號，星號，星號');
    expect(spokenText('C***', 'pt')).toBe('C, asterisco, asterisco, asterisco');
  });

  it('leaves text without masks as it is', () => {
    expect(spokenText('Seat 21C, free', 'en')).toBe('Seat 21C, free');
    expect(spokenText('请选择座位', 'zh-Hans')).toBe('请选择座位');
  });
});
