/** Splits a phrase into the longest recorded pieces, word by word; unknown words are skipped. */
export function pieces(phrase: string, known: Record<string, string>): string[] {
  const words = phrase.toLowerCase().split(/\s+/).filter(Boolean);
  const files: string[] = [];
  for (let i = 0; i < words.length; ) {
    let taken = 0;
    for (let n = words.length - i; n > 0 && taken === 0; n--) {
      const file = known[words.slice(i, i + n).join(' ')];
      if (file) {
        files.push(file);
        taken = n;
      }
    }
    i += Math.max(taken, 1);
  }
  return files;
}
