/**
 * Code 128 (ISO/IEC 15417), drawn by us: subset B for text, subset C for
 * all-digit values of even length (half as wide). Returns module widths
 * alternating bar, space, bar … starting and ending with a bar, including
 * the quiet-zone-free start, check symbol and stop.
 */
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
] as const;
const START_B = 104;
const START_C = 105;
const STOP = 106;

/** Symbol values (start, data, check, stop) for a value. */
export function code128Values(value: string): number[] {
  if (!value) throw new Error('nothing to encode');
  let values: number[];
  if (/^(\d\d)+$/.test(value)) {
    values = [START_C];
    for (let i = 0; i < value.length; i += 2) values.push(Number(value.slice(i, i + 2)));
  } else {
    values = [START_B];
    for (const ch of value) {
      const c = ch.charCodeAt(0);
      if (c < 32 || c > 126) throw new Error(`"${ch}" cannot be encoded in Code 128 B`);
      values.push(c - 32);
    }
  }
  let check = values[0] as number;
  for (let i = 1; i < values.length; i++) check += (values[i] as number) * i;
  values.push(check % 103, STOP);
  return values;
}

/** Module widths, bar first; total = 11 × symbols + 2. */
export function code128Modules(value: string): number[] {
  return code128Values(value).flatMap((v) => [...(PATTERNS[v] as string)].map(Number));
}

export const CODE128_PATTERNS: readonly string[] = PATTERNS;
