import { dirname, join } from 'path';
import type { TFontDictionary } from 'pdfmake/interfaces';

/**
 * The fonts the PDF export embeds, and the split of text into runs of one font each.
 *
 * pdfmake draws every text run in a single font and has no fallback, so a string mixing Latin,
 * Arabic and Chinese must be cut into runs by script before layout (see `scriptRuns`).
 */

export type PdfFont = 'NotoSans' | 'Amiri' | 'NotoSansSC';

/** A piece of text drawn in one font. */
export interface ScriptRun {
  text: string;
  font: PdfFont;
}

/**
 * Resolves a font file inside an npm package. The packages' `exports` may not list the .ttf
 * subpaths, but package.json is always resolvable, so we start from its directory.
 */
function packageFile(pkg: string, relative: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), relative);
}

const SANS = '@expo-google-fonts/noto-sans';
const AMIRI = '@expo-google-fonts/amiri';
const SC = '@expo-google-fonts/noto-sans-sc';

/** File paths of every face, resolved once (require.resolve is cached by Node anyway). */
export const PDF_FONT_FILES = {
  sansRegular: packageFile(SANS, '400Regular/NotoSans_400Regular.ttf'),
  sansBold: packageFile(SANS, '700Bold/NotoSans_700Bold.ttf'),
  sansItalic: packageFile(SANS, '400Regular_Italic/NotoSans_400Regular_Italic.ttf'),
  sansBoldItalic: packageFile(SANS, '700Bold_Italic/NotoSans_700Bold_Italic.ttf'),
  arabicRegular: packageFile(AMIRI, '400Regular/Amiri_400Regular.ttf'),
  arabicBold: packageFile(AMIRI, '700Bold/Amiri_700Bold.ttf'),
  cjkRegular: packageFile(SC, '400Regular/NotoSansSC_400Regular.ttf'),
  cjkBold: packageFile(SC, '700Bold/NotoSansSC_700Bold.ttf'),
} as const;

/** Arabic and SC have no italic face: italic runs fall back to the upright one. */
export const PDF_FONTS: TFontDictionary = {
  NotoSans: {
    normal: PDF_FONT_FILES.sansRegular,
    bold: PDF_FONT_FILES.sansBold,
    italics: PDF_FONT_FILES.sansItalic,
    bolditalics: PDF_FONT_FILES.sansBoldItalic,
  },
  Amiri: {
    normal: PDF_FONT_FILES.arabicRegular,
    bold: PDF_FONT_FILES.arabicBold,
    italics: PDF_FONT_FILES.arabicRegular,
    bolditalics: PDF_FONT_FILES.arabicBold,
  },
  NotoSansSC: {
    normal: PDF_FONT_FILES.cjkRegular,
    bold: PDF_FONT_FILES.cjkBold,
    italics: PDF_FONT_FILES.cjkRegular,
    bolditalics: PDF_FONT_FILES.cjkBold,
  },
};

/** The only local files pdfmake may read: our fonts (the model is user text, never a path). */
export const PDF_FONT_PATHS: ReadonlySet<string> = new Set(Object.values(PDF_FONT_FILES));

/** Arabic, Arabic Supplement, Extended-A/B and the presentation forms. */
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
/**
 * CJK punctuation, kana, hangul, ideographs (and extensions), compatibility forms and fullwidth
 * forms: all drawn by Noto Sans SC (its hangul coverage is partial, still better than none).
 */
const CJK =
  /[\u1100-\u11FF\u2E80-\u2FDF\u3000-\u30FF\u3100-\u31FF\u3200-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u{20000}-\u{3FFFF}]/u;
/** Characters that take the font of the script around them: spaces and punctuation. */
const NEUTRAL = /[\s\p{P}]/u;

type CharClass = PdfFont | 'neutral';

function classify(char: string): CharClass {
  if (ARABIC.test(char)) return 'Amiri';
  if (CJK.test(char)) return 'NotoSansSC';
  if (NEUTRAL.test(char)) return 'neutral';
  return 'NotoSans';
}

/**
 * Splits text into runs of one font: Arabic letters, and the spaces and punctuation between two
 * of them, go to Amiri (so an Arabic sentence stays one run and shapes as one);
 * CJK goes to Noto Sans SC; everything else to Noto Sans. Pure, so it is unit-tested alone.
 */
export function scriptRuns(text: string): ScriptRun[] {
  const chars = Array.from(text);
  const classes = chars.map(classify);
  const fonts = classes.map((cls, i) => (cls === 'neutral' ? neutralFont(classes, i) : cls));
  const runs: ScriptRun[] = [];
  chars.forEach((char, i) => {
    const last = runs[runs.length - 1];
    if (last && last.font === fonts[i]) last.text += char;
    else runs.push({ text: char, font: fonts[i] });
  });
  return runs;
}

/** A neutral character is Arabic only when the nearest letters on both sides are Arabic. */
function neutralFont(classes: CharClass[], index: number): PdfFont {
  const before = nearestStrong(classes, index, -1);
  const after = nearestStrong(classes, index, 1);
  return before === 'Amiri' && after === 'Amiri' ? 'Amiri' : 'NotoSans';
}

function nearestStrong(classes: CharClass[], index: number, step: 1 | -1): PdfFont | null {
  for (let i = index + step; i >= 0 && i < classes.length; i += step) {
    const cls = classes[i];
    if (cls !== 'neutral') return cls;
  }
  return null;
}
