/**
 * The base direction of a piece of user text, from its first strong character (the rule of
 * Unicode's bidi algorithm, paragraph level P2–P3). Arabic, Hebrew, Syriac, Thaana and N'Ko are
 * right to left; anything else with a letter is left to right.
 */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const STRONG = /[\p{L}]/u;

export function textDirection(text: string): 'rtl' | 'ltr' {
  for (const char of text) {
    if (RTL.test(char)) return 'rtl';
    if (STRONG.test(char)) return 'ltr';
  }
  return 'ltr';
}
