import { textDirection } from './text-direction';

describe('textDirection', () => {
  it('is right to left when the first strong character is Arabic', () => {
    expect(textDirection('«الحوار» يبني الثقة')).toBe('rtl');
    expect(textDirection('2016: الحوار')).toBe('rtl');
  });

  it('is left to right for Latin and Chinese, and for text without letters', () => {
    expect(textDirection('Diálogo — الحوار')).toBe('ltr');
    expect(textDirection('多利益相关方对话')).toBe('ltr');
    expect(textDirection('2016 …')).toBe('ltr');
  });
});
